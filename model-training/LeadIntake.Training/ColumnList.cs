namespace LeadIntake.Training;

/// <summary>Reads repeatable, comma-separated column options such as <c>--exclude "Tags,Lead Quality" --exclude City</c>.</summary>
public static class ColumnList
{
    /// <summary>Every non-empty, trimmed name across <paramref name="values"/>, in order, without duplicates.</summary>
    public static IReadOnlyList<string> Split(IEnumerable<string>? values) =>
        (values ?? [])
            .SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
