using System.Globalization;

namespace LeadIntake.Domain.Kpis;

/// <summary>Closed leads per decile of the trained model's probability: count, won and the sum of the probabilities, mergeable across days.</summary>
/// <remarks>
/// Decile <c>d</c> holds probabilities in [d/10, (d+1)/10), 1.0 in the last. Probabilities are summed in millionths
/// (rounded), so sums are whole numbers that add up exactly in any order. Text form (a table column):
/// <c>decile:count:won:millionths</c> per non-empty decile, ascending, one space apart (<c>2:4:1:1040000</c>). Mutable, not thread-safe.
/// </remarks>
public sealed class CalibrationSums : IEquatable<CalibrationSums>
{
    /// <summary>Probability deciles.</summary>
    public const int Deciles = 10;

    private const double Millionths = 1_000_000;

    private readonly long[] _count = new long[Deciles];
    private readonly long[] _won = new long[Deciles];
    private readonly long[] _sum = new long[Deciles];

    /// <summary>Closed leads counted.</summary>
    public long Count => _count.Sum();

    /// <summary>Counts one closed lead with probability <paramref name="probability"/> (clamped to 0–1).</summary>
    public void Add(double probability, bool won)
    {
        var p = Math.Clamp(probability, 0, 1);
        var decile = Math.Min((int)(p * Deciles), Deciles - 1);
        _count[decile]++;
        _won[decile] += won ? 1 : 0;
        _sum[decile] += (long)Math.Round(p * Millionths, MidpointRounding.AwayFromZero);
    }

    /// <summary>Adds every decile of <paramref name="other"/> to this one.</summary>
    public void Merge(CalibrationSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var d = 0; d < Deciles; d++)
        {
            _count[d] += other._count[d];
            _won[d] += other._won[d];
            _sum[d] += other._sum[d];
        }
    }

    /// <summary>The non-empty deciles: predicted mean against realised win rate (4 decimals).</summary>
    public IReadOnlyList<KpiCalibrationBucket> ToBuckets()
    {
        var buckets = new List<KpiCalibrationBucket>();
        for (var d = 0; d < Deciles; d++)
        {
            if (_count[d] == 0)
                continue;
            buckets.Add(new KpiCalibrationBucket(
                d / 10.0, (d + 1) / 10.0, (int)_count[d], Math.Round(_sum[d] / Millionths / _count[d], 4), Math.Round((double)_won[d] / _count[d], 4)));
        }

        return buckets;
    }

    /// <summary>The text form (see the remarks).</summary>
    public string ToText()
    {
        var parts = new List<string>();
        for (var d = 0; d < Deciles; d++)
        {
            if (_count[d] != 0)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{d}:{_count[d]}:{_won[d]}:{_sum[d]}"));
        }

        return string.Join(' ', parts);
    }

    /// <summary>Reads the text form.</summary>
    /// <exception cref="FormatException">Not the exact text <see cref="ToText"/> writes, or a decile's won or sum exceeds what its count allows.</exception>
    public static CalibrationSums Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sums = new CalibrationSums();
        if (text.Length == 0)
            return sums;
        var previous = -1L;
        foreach (var part in text.Split(' '))
        {
            var fields = part.Split(':');
            if (fields.Length != 4 || !SparseCounts.TryCanonical(fields[0], out var decile) || !SparseCounts.TryCanonical(fields[1], out var count)
                || !SparseCounts.TryCanonical(fields[2], out var won) || !SparseCounts.TryCanonical(fields[3], out var sum)
                || decile >= Deciles || decile <= previous || count == 0 || won > count || sum > count * (long)Millionths)
            {
                throw new FormatException(
                    $"'{text}' is not a calibration table: expected ascending 'decile:count:won:millionths' groups (decile 0–9, count ≥ 1, won ≤ count) separated by single spaces; '{part}' is not one.");
            }

            sums._count[decile] = count;
            sums._won[decile] = won;
            sums._sum[decile] = sum;
            previous = decile;
        }

        return sums;
    }

    /// <inheritdoc />
    public bool Equals(CalibrationSums? other) =>
        other is not null && _count.AsSpan().SequenceEqual(other._count) && _won.AsSpan().SequenceEqual(other._won) && _sum.AsSpan().SequenceEqual(other._sum);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CalibrationSums);

    /// <inheritdoc />
    public override int GetHashCode() => ToText().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => ToText();
}
