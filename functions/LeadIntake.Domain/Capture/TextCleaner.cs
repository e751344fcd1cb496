using System.Text;

namespace LeadIntake.Domain.Capture;

/// <summary>Cleans posted text: trims, folds whitespace, drops control and invisible characters.</summary>
internal static class TextCleaner
{
    /// <summary>One line of text, whitespace runs folded to one space; null when nothing is left.</summary>
    public static string? SingleLine(string? raw) => Clean(raw, keepLineBreaks: false);

    /// <summary>Multi-line text: line breaks kept as \n (at most one blank line in a row), other whitespace folded.</summary>
    public static string? MultiLine(string? raw) => Clean(raw, keepLineBreaks: true);

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
