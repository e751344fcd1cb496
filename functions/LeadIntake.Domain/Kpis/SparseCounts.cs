using System.Globalization;

namespace LeadIntake.Domain.Kpis;

/// <summary>The compact text of a fixed array of counts: <c>index:count</c> pairs of the non-zero slots, ascending, separated by one space.</summary>
/// <remarks>Empty text is all zeros. The parser is strict: only the exact text <see cref="Format"/> writes is read back.</remarks>
internal static class SparseCounts
{
    public static string Format(IReadOnlyList<long> counts)
    {
        var parts = new List<string>();
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] != 0)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{i}:{counts[i]}"));
        }

        return string.Join(' ', parts);
    }

    /// <exception cref="FormatException">Not the text <see cref="Format"/> writes for <paramref name="length"/> slots.</exception>
    public static long[] Parse(string text, int length, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new long[length];
        if (text.Length == 0)
            return counts;
        var previous = -1;
        foreach (var part in text.Split(' '))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !TryCanonical(part[..colon], out var index) || !TryCanonical(part[(colon + 1)..], out var count)
                || index >= length || index <= previous || count == 0)
            {
                throw new FormatException(
                    $"'{text}' is not a {what}: expected ascending 'index:count' pairs (index 0–{length - 1}, count ≥ 1) separated by single spaces; '{part}' is not one.");
            }

            counts[index] = count;
            previous = (int)index;
        }

        return counts;
    }

    /// <summary>Parses a non-negative integer written without sign, spaces or leading zeros.</summary>
    public static bool TryCanonical(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value.ToString(CultureInfo.InvariantCulture) == text;
}
