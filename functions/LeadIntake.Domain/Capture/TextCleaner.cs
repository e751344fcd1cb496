using System.Globalization;
using System.Text;

namespace LeadIntake.Domain.Capture;

/// <summary>Cleans posted text: trims, folds whitespace, drops control and invisible characters; cuts it safely.</summary>
/// <remarks>
/// <see cref="Truncate"/> is the one place the domain shortens text: every cut of user-supplied text goes through
/// it, so none can split a character.
/// </remarks>
internal static class TextCleaner
{
    /// <summary>One line of text, whitespace runs folded to one space; null when nothing is left.</summary>
    public static string? SingleLine(string? raw) => Clean(raw, keepLineBreaks: false);

    /// <summary>Multi-line text: line breaks kept as \n (at most one blank line in a row), other whitespace folded.</summary>
    public static string? MultiLine(string? raw) => Clean(raw, keepLineBreaks: true);

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> UTF-16 characters on a character boundary.</summary>
    /// <remarks>
    /// The cut falls between user-perceived characters (text elements): never inside a surrogate pair (which would
    /// leave a lone high surrogate that storage turns into U+FFFD), and never between a letter and its accent or an
    /// emoji and its modifier, so the result may be a few characters shorter than <paramref name="maxLength"/>. Only
    /// when the very first text element is longer than the limit (a letter carrying hundreds of combining marks) does
    /// the cut fall inside it, still between code points. Whitespace left at the end by the cut is removed, so a
    /// cleaned text stays clean (<see cref="SingleLine"/> and <see cref="MultiLine"/> of the result give it back).
    /// Text no longer than the limit is returned as it is.
    /// </remarks>
    /// <returns>The cut text; null when <paramref name="text"/> is null or nothing is left.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is negative.</exception>
    public static string? Truncate(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }

        var cut = 0;
        while (cut < maxLength)
        {
            var next = StringInfo.GetNextTextElementLength(text, cut);
            if (cut + next > maxLength)
            {
                break;
            }

            cut += next;
        }

        if (cut == 0)
        {
            cut = maxLength;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var kept = text.AsSpan(0, cut).TrimEnd();
        return kept.IsEmpty ? null : kept.ToString();
    }

    /// <summary>Parses a checkbox-ish value. Empty is "not said" (null); unknown text fails.</summary>
    public static bool TryParseFlag(string? raw, out bool? value)
    {
        switch (raw?.Trim().ToLowerInvariant())
        {
            case null or "":
                value = null;
                return true;
            case "on" or "true" or "yes" or "y" or "1" or "checked":
                value = true;
                return true;
            case "off" or "false" or "no" or "n" or "0" or "unchecked":
                value = false;
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static string? Clean(string? raw, bool keepLineBreaks)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        var builder = new StringBuilder(raw.Length);
        var pendingSpace = false;
        var pendingBreaks = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                Flush(builder, ref pendingSpace, ref pendingBreaks);
                builder.Append(c).Append(raw[++i]);
                continue;
            }

            if (keepLineBreaks && (c == '\n' || c == '\r'))
            {
                // \r\n counts once.
                if (c == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
                {
                    i++;
                }

                pendingBreaks++;
                pendingSpace = false;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = pendingBreaks == 0;
                continue;
            }

            // Control characters, lone surrogates and invisible format characters (zero-width space, BOM …)
            // carry no meaning in a form and would only bloat or break the JSON message.
            if (char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            Flush(builder, ref pendingSpace, ref pendingBreaks);
            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private static void Flush(StringBuilder builder, ref bool pendingSpace, ref int pendingBreaks)
    {
        if (builder.Length > 0)
        {
            if (pendingBreaks > 0)
            {
                builder.Append(pendingBreaks > 1 ? "\n\n" : "\n");
            }
            else if (pendingSpace)
            {
                builder.Append(' ');
            }
        }

        pendingSpace = false;
        pendingBreaks = 0;
    }
}
