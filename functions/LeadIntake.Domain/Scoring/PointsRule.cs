namespace LeadIntake.Domain.Scoring;

/// <summary>One rule of a points model: when a feature matches, add points.</summary>
/// <param name="Feature">A name from <see cref="LeadFeatureNames"/>.</param>
/// <param name="Condition">How the value is compared.</param>
/// <param name="Values">Strings for categorical features, doubles for numeric ones (true/false read as 1/0).</param>
/// <param name="Points">Points added when the rule matches (negative subtracts).</param>
/// <param name="Note">Why the rule exists, from the file (optional).</param>
public sealed record PointsRule(string Feature, PointsCondition Condition, IReadOnlyList<object?> Values, int Points, string? Note)
{
    /// <summary>True when <paramref name="value"/> satisfies the rule.</summary>
    public bool Matches(object? value) => Condition switch
    {
        PointsCondition.AtLeast => value is double d && d >= (double)Values[0]!,
        _ => Values.Any(v => Same(v, value)),
    };

    private static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (string e, string a) => string.Equals(e, a, StringComparison.OrdinalIgnoreCase),
        (double e, double a) => e == a,
        _ => false,
    };
}
