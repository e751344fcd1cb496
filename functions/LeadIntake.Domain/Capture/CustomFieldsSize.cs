using System.Globalization;

namespace LeadIntake.Domain.Capture;

/// <summary>
/// How long a custom-field map is once stored: the length in UTF-16 characters of the JSON object
/// <c>{"name":"value",…}</c> written with relaxed escaping (System.Text.Json's <c>UnsafeRelaxedJsonEscaping</c>).
/// </summary>
/// <remarks>
/// Computed without a JSON library so the domain can bound what storage will hold
/// (<see cref="LeadCaptureLimits.MaxCustomFieldsStoredLength"/>). Per UTF-16 character of a name or value:
/// <list type="bullet">
/// <item>2 for <c>"</c>, <c>\</c> and the short escapes <c>\b \t \n \f \r</c>;</item>
/// <item>6 (<c>\uXXXX</c>) for other control characters, U+FEFF, private-use and unassigned code points, line and
/// paragraph separators and every space separator other than U+0020, and a lone surrogate (written as <c>\uFFFD</c>);</item>
/// <item>12 for a surrogate pair (emoji and every other character outside the BMP: <c>\uD83D\uDE00</c>);</item>
/// <item>1 for everything else (letters in any script, digits, punctuation, <c>&lt; &gt; &amp; ' +</c>).</item>
/// </list>
/// Plus 2 quotes per string, 1 colon per field, the commas and the braces. Which code points count as unassigned
/// comes from <see cref="char.GetUnicodeCategory(char)"/>; the encoder carries its own copy of the Unicode tables, and
/// when the two Unicode versions differ a newly assigned character may be escaped (5 characters more than counted
/// here): the headroom under the storage limit absorbs that. Keys and values are written in enumeration order.
/// Pure and thread-safe.
/// </remarks>
public static class CustomFieldsSize
{
    /// <summary>The stored length of <paramref name="fields"/> as relaxed-escaped JSON; 2 (<c>{}</c>) when empty.</summary>
    /// <remarks>Saturates at <see cref="int.MaxValue"/>.</remarks>
    public static int StoredLength(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        long length = 2;
        foreach (var (name, value) in fields)
        {
            length += EntryLength(name, value);
        }

        length += Math.Max(fields.Count - 1, 0);
        return (int)Math.Min(length, int.MaxValue);
    }

    /// <summary>The stored length of one <c>"name":"value"</c> member, without the comma that separates members.</summary>
    internal static long EntryLength(string name, string value) => QuotedLength(name) + 1 + QuotedLength(value);

    /// <summary>The length of <paramref name="text"/> as a relaxed-escaped JSON string, quotes included.</summary>
    internal static long QuotedLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long length = 2;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length += 12;
                i++;
                continue;
            }

            length += EscapedLength(c);
        }

        return length;
    }

    private static int EscapedLength(char c)
    {
        switch (c)
        {
            case '"' or '\\' or '\b' or '\t' or '\n' or '\f' or '\r':
                return 2;
            case ' ':
                return 1;
            case '\uFEFF':
                return 6;
        }

        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator => 6,
            _ => 1,
        };
    }
}
