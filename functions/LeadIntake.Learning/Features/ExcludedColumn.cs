namespace LeadIntake.Learning.Features;

/// <summary>A column of the history that is not a feature, and why (label, ID-like, excluded by option, likely leak, constant…).</summary>
/// <param name="Name">Column name.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record ExcludedColumn(string Name, string Reason);
