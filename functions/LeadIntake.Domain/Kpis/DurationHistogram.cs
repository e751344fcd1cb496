namespace LeadIntake.Domain.Kpis;

/// <summary>A mergeable histogram of durations on fixed log-spaced buckets, for medians and percentiles that add up across days.</summary>
/// <remarks>
/// <para>
/// Bucket 0 holds durations under one minute (and negative ones, clock skew); bucket <c>i</c> = 1…139 holds
/// [1.1^(i−1), 1.1^i) minutes, so each bucket is 10 % wider than the last and the top one ends past a year
/// (1.1^139 minutes ≈ 1.08 years); bucket 140 holds the rest. A quantile is the geometric middle of the bucket holding the
/// rank, so it is within ±5 % of the true nearest-rank quantile for durations of a minute to a year.
/// </para>
/// <para>
/// Text form (a table column): <c>index:count</c> pairs of the non-empty buckets, ascending, one space apart
/// (<c>17:3 42:1</c>); empty for none. Mutable, not thread-safe.
/// </para>
/// </remarks>
public sealed class DurationHistogram : IEquatable<DurationHistogram>
{
    /// <summary>Buckets: under a minute, 139 log-spaced ones, and over about a year.</summary>
    public const int BucketCount = 141;

    /// <summary>Each bucket's upper bound over its lower bound.</summary>
    public const double Growth = 1.1;

    private static readonly double s_logGrowth = Math.Log(Growth);
    private readonly long[] _counts;

    /// <summary>An empty histogram.</summary>
    public DurationHistogram()
        : this(new long[BucketCount])
    {
    }

    private DurationHistogram(long[] counts) => _counts = counts;

    /// <summary>Durations counted.</summary>
    public long Count => _counts.Sum();

    /// <summary>The bucket <paramref name="duration"/> falls in.</summary>
    public static int BucketOf(TimeSpan duration)
    {
        var minutes = duration.TotalMinutes;
        if (minutes < 1)
            return 0;
        var index = (int)Math.Floor(Math.Log(minutes) / s_logGrowth) + 1;
        return Math.Min(index, BucketCount - 1);
    }

    /// <summary>Counts one duration.</summary>
    public void Add(TimeSpan duration) => _counts[BucketOf(duration)]++;

    /// <summary>Adds every count of <paramref name="other"/> to this one.</summary>
    public void Merge(DurationHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < BucketCount; i++)
            _counts[i] += other._counts[i];
    }

    /// <summary>The <paramref name="quantile"/> (0.5 = median) in hours: the middle of the bucket holding the nearest rank; null when empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantile"/> is not in (0, 1].</exception>
    public double? QuantileHours(double quantile)
    {
        if (quantile is <= 0 or > 1 || double.IsNaN(quantile))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile is in (0, 1].");
        var count = Count;
        if (count == 0)
            return null;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return RepresentativeMinutes(i) / 60.0;
        }

        throw new InvalidOperationException("Unreachable: the rank is at most the count.");
    }

    /// <summary>The text form (see the remarks).</summary>
    public string ToText() => SparseCounts.Format(_counts);

    /// <summary>Reads the text form.</summary>
    /// <exception cref="FormatException">Not the exact text <see cref="ToText"/> writes.</exception>
    public static DurationHistogram Parse(string text) => new(SparseCounts.Parse(text, BucketCount, "duration histogram"));

    /// <inheritdoc />
    public bool Equals(DurationHistogram? other) => other is not null && _counts.AsSpan().SequenceEqual(other._counts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DurationHistogram);

    /// <inheritdoc />
    public override int GetHashCode() => ToText().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => ToText();

    // Under a minute: half a minute; the overflow bucket: its lower bound; else the geometric middle 1.1^(i − ½) minutes.
    private static double RepresentativeMinutes(int bucket) => bucket switch
    {
        0 => 0.5,
        BucketCount - 1 => Math.Pow(Growth, BucketCount - 2),
        _ => Math.Pow(Growth, bucket - 0.5),
    };
}
