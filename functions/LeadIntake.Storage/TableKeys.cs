using System.Globalization;
using System.Text;

namespace LeadIntake.Storage;

/// <summary>What every table key built from a user's value needs: escaping the characters a key cannot hold, and prefix ranges.</summary>
public static class TableKeys
{
    /// <summary>
    /// Percent-encodes (as UTF-8) <c>/ \ # ?</c> and control characters, which a PartitionKey or RowKey may not contain, and
    /// <c>%</c> itself so the escaping cannot collide (<c>dec/webinar</c> → <c>dec%2Fwebinar</c>); every other character stays,
    /// so keys stay readable in Storage Explorer.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(MustEscape))
            return value;
        var escaped = new StringBuilder(value.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsBmp && MustEscape((char)rune.Value))
            {
                var length = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..length])
                    escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(rune.ToString());
            }
        }

        return escaped.ToString();
    }

    /// <summary>The first key after every key starting with <paramref name="prefix"/> (its last character + 1), for range filters.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static bool MustEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
