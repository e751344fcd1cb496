using System.Text;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests.Capture;

public class TextCleanerTests
{
    private const string Grin = "\U0001F600";            // 😀, a surrogate pair
    private const string Germany = "\U0001F1E9\U0001F1EA"; // 🇩🇪, two regional indicators: one character, 4 UTF-16 units
    private const string ThumbsUpDark = "\U0001F44D\U0001F3FF"; // 👍🏿, emoji + skin-tone modifier

    public static TheoryData<string, string?, int, string?> TruncateCases => new()
    {
        { "shorter than the limit: unchanged", "abc", 5, "abc" },
        { "exactly the limit: unchanged", "abcde", 5, "abcde" },
        { "plain cut", "abcdef", 3, "abc" },
        { "limit falls inside an emoji: the whole emoji goes", "ab" + Grin, 3, "ab" },
        { "limit right after an emoji: kept", "ab" + Grin + "c", 4, "ab" + Grin },
        { "flag cut after its first indicator: the flag goes", "a" + Germany, 3, "a" },
        { "flag kept whole", "a" + Germany + "b", 5, "a" + Germany },
        { "skin tone never parted from its emoji", "a" + ThumbsUpDark, 3, "a" },
        { "accent never parted from its letter", "cafe\u0301!", 4, "caf" },
        { "trailing space left by the cut removed", "ab cd", 3, "ab" },
        { "trailing line break left by the cut removed", "ab\ncd", 3, "ab" },
        { "nothing left: null", Grin + "a", 1, null },
        { "zero: null", "abc", 0, null },
        { "null stays null", null, 3, null },
        { "one letter with more marks than the limit: cut between code points", "e" + new string('\u0301', 10), 4, "e" + new string('\u0301', 3) },
    };

    [Theory]
    [MemberData(nameof(TruncateCases))]
    public void Truncate_Table(string name, string? text, int maxLength, string? expected)
    {
        Assert.True(expected == TextCleaner.Truncate(text, maxLength), name);
    }

    [Fact]
    public void Truncate_EveryLimitOverMixedText_ValidPrefixNeverLoneSurrogate()
    {
        var text = "Zoë " + Grin + " 語 " + Germany + "x" + ThumbsUpDark + "\U00020000" + "e\u0301" + Grin;
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        for (var max = 0; max <= text.Length + 1; max++)
        {
            var cut = TextCleaner.Truncate(text, max) ?? string.Empty;

            Assert.True(cut.Length <= max, $"max {max}: {cut.Length} characters");
            Assert.StartsWith(cut, text, StringComparison.Ordinal);
            strict.GetBytes(cut);   // throws on a lone surrogate
        }
    }

    [Fact]
    public void Truncate_NegativeLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextCleaner.Truncate("abc", -1));
    }

    [Fact]
    public void Truncate_CleanedText_StaysClean()
    {
        var cleaned = TextCleaner.MultiLine("first line\n\nsecond " + Grin + " line")!;

        for (var max = 0; max <= cleaned.Length; max++)
        {
            var cut = TextCleaner.Truncate(cleaned, max);

            Assert.Equal(cut, TextCleaner.MultiLine(cut));
        }
    }
}
