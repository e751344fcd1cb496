using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests.Capture;

public partial class LeadSubmissionParserTests
{
    private const string Grin = "\U0001F600";   // 😀: 2 UTF-16 characters

    [Fact]
    public void Parse_LongUserAgentWithEmojiAtCut_CutBeforeEmoji()
    {
        // 511 letters then the emoji: the 512-character cut would fall between its two halves.
        var context = TestLeads.Context() with { UserAgent = new string('u', 511) + Grin + "tail" };

        var s = LeadSubmissionParser.Parse(RawLeadForm.From(("email", "ana@example.com")), context, TestLeads.Identity, LeadCaptureLimits.Default).Value!;

        Assert.Equal(new string('u', 511), s.UserAgent);
        Assert.Equal(s.UserAgent, LeadSubmissionMessage.Deserialize(LeadSubmissionMessage.Serialize(s)).UserAgent);
    }

    [Fact]
    public void Parse_UtmInUrlTooLongWithEmojiAtCut_CutBeforeEmojiAndMessageReadable()
    {
        // utm_campaign = 249 letters + 😀 (percent-encoded as UTF-8): the 250-character cut would split the emoji.
        var url = "https://example.com/?utm_campaign=" + new string('c', 249) + "%F0%9F%98%80" + new string('c', 20);

        var s = TestLeads.Parse(("email", "ana@example.com"), ("pageUrl", url)).Value!;

        Assert.Equal(new string('c', 249), s.Utm.Campaign);
        Assert.Equal(s.Utm, LeadSubmissionMessage.Deserialize(LeadSubmissionMessage.Serialize(s)).Utm);
    }

    [Fact]
    public void Parse_UtmInUrlTooLongWithSpaceAtCut_CutTrimmedAndMessageReadable()
    {
        // Character 250 is a space: a plain cut would end in it, and the queue reader refuses untrimmed values.
        var url = "https://example.com/?utm_term=" + new string('t', 249) + "+more+words";

        var s = TestLeads.Parse(("email", "ana@example.com"), ("pageUrl", url)).Value!;

        Assert.Equal(new string('t', 249), s.Utm.Term);
        Assert.Equal(s.Utm, LeadSubmissionMessage.Deserialize(LeadSubmissionMessage.Serialize(s)).Utm);
    }

    [Fact]
    public void Parse_FieldNameTooLongWithEmojiAtCut_ErrorKeyCutBeforeEmoji()
    {
        var name = new string('f', 63) + Grin;   // 65 characters; MaxFieldNameLength 64 falls inside the emoji

        var result = TestLeads.Parse(("email", "ana@example.com"), (name, "x"));

        Assert.Equal(["The field name is too long: at most 64 characters."], result.Errors[new string('f', 63)]);
    }

    [Fact]
    public void Parse_20CustomFieldsOf1000HtmlCharacters_Accepted()
    {
        // '<' is one character once stored with relaxed escaping: 20 × ~1,010 ≈ 20,200, under 30,000.
        var result = TestLeads.Parse([("email", "ana@example.com"), .. CustomFields(20, new string('<', 1000))]);

        Assert.True(result.IsValid);
        Assert.True(CustomFieldsSize.StoredLength(result.Value.CustomFields) <= LeadCaptureLimits.MaxCustomFieldsStoredLength);
    }

    [Fact]
    public void Parse_20CustomFieldsOf1000Quotes_RefusedAsTooLongToStore()
    {
        var result = TestLeads.Parse([("email", "ana@example.com"), .. CustomFields(20, new string('"', 1000))]);

        // Each '"' is stored as \" (2). Entries: "f0":"…" = 4 + 1 + 2,002 (f0–f9), 5 + 1 + 2,002 (f10–f19):
        // 20,070 + 20,080 + 19 commas + 2 braces = 40,171.
        Assert.Equal(
            ["The extra fields are too long to store together: 40171 characters once stored, at most 30000 "
             + "(a quote, backslash or line break counts as 2, an emoji as 12). Shorten them or send fewer."],
            result.Errors[LeadSubmissionParser.FormErrorKey]);
    }

    // 15 fields "f00"–"f14": each entry is 5 + 1 + 2 + (stored value), so 136 + Σ values with the commas and braces.
    // 14 values of 1,000 quotes (2,000 each) + 932 quotes (1,864) = 29,864: exactly 30,000. One letter more: 30,001.
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Parse_CustomFieldsStoredLength_ExactLimitAcceptedOneMoreRefused(int extraLetters, bool accepted)
    {
        var fields = Enumerable.Range(0, 15).Select(i => ($"f{i:00}", (string?)new string('"', i < 14 ? 1000 : 932))).ToList();
        fields[14] = (fields[14].Item1, fields[14].Item2 + new string('a', extraLetters));

        var result = TestLeads.Parse([("email", "ana@example.com"), .. fields]);

        Assert.Equal(30_000 + extraLetters, CustomFieldsSize.StoredLength(fields.ToDictionary(f => f.Item1, f => f.Item2!)));
        Assert.Equal(accepted, result.IsValid);
    }

    private static IEnumerable<(string Name, string? Value)> CustomFields(int count, string value) =>
        Enumerable.Range(0, count).Select(i => ($"f{i}", (string?)value));
}
