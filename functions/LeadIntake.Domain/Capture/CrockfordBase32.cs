namespace LeadIntake.Domain.Capture;

/// <summary>Lower-case Crockford base32: URL-, file- and table-key-safe, sortable, no ambiguous letters.</summary>
internal static class CrockfordBase32
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>Encodes 16 bytes (128 bits) as 26 characters; the last character carries 2 padding bits.</summary>
    public static string Encode128(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
        {
            throw new ArgumentException("Expected exactly 16 bytes.", nameof(bytes));
        }

        Span<char> chars = stackalloc char[26];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        chars[index] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars);
    }

    /// <summary>True when <paramref name="text"/> is <paramref name="prefix"/> followed by 26 alphabet characters.</summary>
    public static bool IsEncoded128(string? text, string prefix) =>
        text is not null
        && text.Length == prefix.Length + 26
        && text.StartsWith(prefix, StringComparison.Ordinal)
        && text.AsSpan(prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
