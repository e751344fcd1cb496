using System.Text.Json.Serialization;

namespace LeadIntake.Scoring;

/// <summary>How a feature column is read: a number (missing as NaN) or a category (one indicator per known level).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureKind>))]
public enum FeatureKind
{
    /// <summary>Invariant-culture numbers; blanks, missing markers and unparsable cells are missing.</summary>
    Numeric,

    /// <summary>Text levels; a level the model does not know (rare, capped or unseen) and a missing cell set no indicator.</summary>
    Categorical,
}

/// <summary>One model input: a source column, how it is read, and (for categories) the levels the model knows.</summary>
/// <param name="Name">Source column name, as in the history and the lead.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Levels">Known categorical levels, most frequent first; empty for numeric columns.</param>
public sealed record FeatureColumn(string Name, FeatureKind Kind, IReadOnlyList<string> Levels);

/// <summary>A history column that is not a feature, and why (label, ID-like, leak, excluded by option…).</summary>
/// <param name="Name">Column name.</param>
/// <param name="Reason">Why it is not used, in words.</param>
public sealed record ExcludedColumn(string Name, string Reason);

/// <summary>The contract between training and scoring: the feature columns in model order and how cells are read.</summary>
/// <remarks>
/// The model's input row is built from it (<see cref="LeadRow"/>): numeric columns, in order, as a vector of floats; categorical
/// columns, in order, as a vector of <c>name=value</c> texts. The model's feature vector is then, slot by slot: the numbers,
/// one missing-indicator per number, and one indicator per known level (columns in order, levels in order).
/// </remarks>
/// <param name="Columns">Feature columns in model order.</param>
/// <param name="MissingMarkers">Cell values read as missing (trimmed, case-insensitive), on top of a blank cell.</param>
/// <param name="Excluded">History columns that are not features, with reasons.</param>
public sealed record FeatureSchema(IReadOnlyList<FeatureColumn> Columns, IReadOnlyList<string> MissingMarkers, IReadOnlyList<ExcludedColumn> Excluded)
{
    /// <summary>Markers every history treats as missing besides a blank cell.</summary>
    public static IReadOnlyList<string> DefaultMissingMarkers { get; } = ["NA", "N/A", "null"];

    /// <summary>Feature names in model order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Names => [.. Columns.Select(c => c.Name)];

    /// <summary>The numeric columns, in model order (the slots of <see cref="LeadRow.Numbers"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<FeatureColumn> Numeric => [.. Columns.Where(c => c.Kind == FeatureKind.Numeric)];

    /// <summary>The categorical columns, in model order (the slots of <see cref="LeadRow.Text"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<FeatureColumn> Categorical => [.. Columns.Where(c => c.Kind == FeatureKind.Categorical)];

    /// <summary>The model's level keys (<c>name=value</c>), categorical columns in order, levels in order: the indicator slots.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> LevelKeys => [.. Categorical.SelectMany(c => c.Levels.Select(level => LevelKey(c.Name, level)))];

    /// <summary>Length of the model's feature vector: numbers, their missing indicators, level indicators.</summary>
    [JsonIgnore]
    public int SlotCount => (2 * Numeric.Count) + Categorical.Sum(c => c.Levels.Count);

    /// <summary>Which column (index into <see cref="Columns"/>) each slot of the feature vector belongs to.</summary>
    public int[] SlotColumns()
    {
        var index = Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var numeric = Numeric.Select(c => index[c.Name]).ToArray();
        return [.. numeric, .. numeric, .. Categorical.SelectMany(c => Enumerable.Repeat(index[c.Name], c.Levels.Count))];
    }

    /// <summary>The text a categorical cell becomes in <see cref="LeadRow.Text"/>; the column name keeps levels of different columns apart.</summary>
    public static string LevelKey(string column, string value) => column + "=" + value;
}
