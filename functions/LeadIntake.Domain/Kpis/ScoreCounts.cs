namespace LeadIntake.Domain.Kpis;

/// <summary>How many leads had each fit score 0–100: mergeable across days, for realised AUC and score drift.</summary>
/// <remarks>Text form (a table column): <c>score:count</c> pairs of the scores seen, ascending, one space apart (<c>35:2 80:1</c>). Mutable, not thread-safe.</remarks>
public sealed class ScoreCounts : IEquatable<ScoreCounts>
{
    /// <summary>The highest score.</summary>
    public const int MaxScore = 100;

    private readonly long[] _counts;

    /// <summary>No scores.</summary>
    public ScoreCounts()
        : this(new long[MaxScore + 1])
    {
    }

    private ScoreCounts(long[] counts) => _counts = counts;

    /// <summary>Leads counted.</summary>
    public long Count => _counts.Sum();

    /// <summary>Leads with score <paramref name="score"/>.</summary>
    public long this[int score] => _counts[score];

    /// <summary>Counts one lead with <paramref name="score"/> (clamped to 0–100).</summary>
    public void Add(int score) => _counts[Math.Clamp(score, 0, MaxScore)]++;

    /// <summary>Adds every count of <paramref name="other"/> to this one.</summary>
    public void Merge(ScoreCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i <= MaxScore; i++)
            _counts[i] += other._counts[i];
    }

    /// <summary>Leads per score decile: 0–9, 10–19, …, 90–100 (100 joins the top decile).</summary>
    public long[] Deciles()
    {
        var deciles = new long[10];
        for (var score = 0; score <= MaxScore; score++)
            deciles[Math.Min(score / 10, 9)] += _counts[score];
        return deciles;
    }

    /// <summary>The text form (see the remarks).</summary>
    public string ToText() => SparseCounts.Format(_counts);

    /// <summary>Reads the text form.</summary>
    /// <exception cref="FormatException">Not the exact text <see cref="ToText"/> writes.</exception>
    public static ScoreCounts Parse(string text) => new(SparseCounts.Parse(text, MaxScore + 1, "score histogram"));

    /// <inheritdoc />
    public bool Equals(ScoreCounts? other) => other is not null && _counts.AsSpan().SequenceEqual(other._counts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ScoreCounts);

    /// <inheritdoc />
    public override int GetHashCode() => ToText().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => ToText();
}
