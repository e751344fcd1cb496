namespace LeadIntake.Learning;

/// <summary>A scorecard line from the logistic model: what one feature value is worth in points.</summary>
/// <param name="Feature">Raw column name.</param>
/// <param name="Value">The category, <c>(missing)</c>, or for numbers <c>per +1</c>.</param>
/// <param name="Points">Points added relative to an average lead (20 points double the odds).</param>
public sealed record ScorecardEntry(string Feature, string Value, double Points);
