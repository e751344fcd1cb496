using System.Text.Encodings.Web;
using System.Text.Json;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests.Capture;

public class CustomFieldsSizeTests
{
    // What the Leads row's mapper writes: relaxed escaping, so only what JSON itself requires is escaped.
    private static readonly JsonSerializerOptions _relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static int JsonLength(IReadOnlyDictionary<string, string> fields) => JsonSerializer.Serialize(fields, _relaxed).Length;

    [Theory]
    [InlineData("plain", "")]
    [InlineData("plain", "value 123")]
    [InlineData("html stays one character", "<b>&amp;</b> 'x' +1 `y`")]
    [InlineData("quote and backslash", "say \"hi\" C:\\temp")]
    [InlineData("short escapes", "a\nb\tc\rd\be\ff")]
    [InlineData("other controls", "\u0001\u001f\u007f\u0085\u009f")]
    [InlineData("separators", "\u00a0\u2028\u2029\u3000\u2003")]
    [InlineData("format characters", "\ufeff\u200b\u200d\u00ad")]
    [InlineData("private use", "\ue000\uf8ff")]
    [InlineData("unassigned", "\u0378\u0379")]
    [InlineData("letters in any script", "Zoë Łopez 語 עברית हिन्दी e\u0301")]
    [InlineData("emoji and other astral", "\U0001F600 \U0001F1E9\U0001F1EA \U00020000 \U000E0001 \U0010FFFD")]
    [InlineData("lone surrogates", "a\ud800b\udc00")]
    [InlineData("name \"quoted\" \\ \n", "v")]
    public void StoredLength_OneField_MatchesSystemTextJsonRelaxed(string name, string value)
    {
        var fields = new Dictionary<string, string> { [name] = value };

        Assert.Equal(JsonLength(fields), CustomFieldsSize.StoredLength(fields));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(20)]
    public void StoredLength_SeveralFields_MatchesSystemTextJsonRelaxed(int count)
    {
        var fields = Enumerable.Range(0, count).ToDictionary(i => $"field{i}", i => new string('"', i) + "<" + i);

        Assert.Equal(JsonLength(fields), CustomFieldsSize.StoredLength(fields));
    }

    [Fact]
    public void StoredLength_EveryBmpCharacter_MatchesSystemTextJsonRelaxed()
    {
        // The rule is derived from char.GetUnicodeCategory; the encoder has its own Unicode tables. Equal on this
        // runtime for every BMP code point; should a runtime update make them differ, this names the first one
        // (LeadCaptureLimits.MaxCustomFieldsStoredLength keeps headroom for that).
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var fields = new Dictionary<string, string> { ["f"] = ((char)c).ToString() };

            var expected = JsonLength(fields);
            var actual = CustomFieldsSize.StoredLength(fields);
            Assert.True(expected == actual, $"U+{c:X4}: System.Text.Json {expected}, StoredLength {actual}");
        }
    }

    [Fact]
    public void StoredLength_Empty_TwoBraces()
    {
        Assert.Equal(2, CustomFieldsSize.StoredLength(new Dictionary<string, string>()));
    }
}
