namespace LeadIntake.Learning;

/// <summary>The profile of a history: label interpretation, counts and one <see cref="ColumnProfile"/> per column.</summary>
/// <param name="Label">Outcome column.</param>
/// <param name="PositiveLabel">The label value read as "converted" (compared case-insensitively).</param>
/// <param name="NegativeLabels">The other label values seen.</param>
/// <param name="Rows">Rows with a usable label.</param>
/// <param name="Positives">Rows whose label is <paramref name="PositiveLabel"/>.</param>
/// <param name="Columns">Every column except the label, in file order.</param>
/// <param name="LeakRule">The leakage rule applied, in words.</param>
public sealed record DatasetProfile(
    string Label,
    string PositiveLabel,
    IReadOnlyList<string> NegativeLabels,
    int Rows,
    int Positives,
    IReadOnlyList<ColumnProfile> Columns,
    string LeakRule)
{
    /// <summary>Columns excluded because they are unique per row.</summary>
    public IReadOnlyList<string> IdColumns => Columns.Where(c => c.IsIdLike).Select(c => c.Name).ToArray();

    /// <summary>Columns the leakage guard flagged.</summary>
    public IReadOnlyList<ColumnProfile> LikelyLeaks => Columns.Where(c => c.Leak != LeakLevel.None).ToArray();

    /// <summary>Columns used as features.</summary>
    public IReadOnlyList<ColumnProfile> Features => Columns.Where(c => c.ExcludedReason is null).ToArray();
}
