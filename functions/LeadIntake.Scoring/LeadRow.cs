using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LeadIntake.Scoring;

/// <summary>The model's input row: the numeric features as floats (NaN = missing) and the categorical ones as <c>name=value</c> texts.</summary>
/// <remarks>
/// Vector sizes come from the <see cref="FeatureSchema"/> (<see cref="SchemaDefinitionFor"/>), so one class serves every schema.
/// Training builds its rows with <see cref="Fill"/> too: one reading of cells for both halves.
/// </remarks>
public sealed class LeadRow
{
    /// <summary>Column name of <see cref="Numbers"/> in the model's input.</summary>
    public const string NumbersColumn = nameof(Numbers);

    /// <summary>Column name of <see cref="Text"/> in the model's input.</summary>
    public const string TextColumn = nameof(Text);

    /// <summary>Column name of <see cref="Label"/> (training only).</summary>
    public const string LabelColumn = nameof(Label);

    /// <summary>Numeric features in schema order.</summary>
    public float[] Numbers { get; set; } = [];

    /// <summary>Categorical features in schema order, as <see cref="FeatureSchema.LevelKey"/>; empty when missing.</summary>
    public string[] Text { get; set; } = [];

    /// <summary>The outcome (training only; ignored when scoring).</summary>
    public bool Label { get; set; }

    /// <summary>A row sized for <paramref name="schema"/>.</summary>
    public static LeadRow For(FeatureSchema schema) => new()
    {
        Numbers = new float[schema.Numeric.Count],
        Text = new string[schema.Categorical.Count],
    };

    /// <summary>The ML.NET schema of rows for <paramref name="schema"/>: fixed-size vectors (a zero-size vector is never read).</summary>
    public static SchemaDefinition SchemaDefinitionFor(FeatureSchema schema)
    {
        var definition = SchemaDefinition.Create(typeof(LeadRow));
        definition[NumbersColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, schema.Numeric.Count);
        definition[TextColumn].ColumnType = new VectorDataViewType(TextDataViewType.Instance, schema.Categorical.Count);
        return definition;
    }

    /// <summary>Fills this row (sized by <see cref="For"/>) from raw values read by <paramref name="value"/>.</summary>
    /// <param name="reader">Reads cells the way the schema says.</param>
    /// <param name="value">The raw value of a column: a string, number, bool or <see langword="null"/>.</param>
    public void Fill(CellReader reader, Func<string, object?> value)
    {
        var numeric = reader.NumericColumns;
        for (var i = 0; i < numeric.Count; i++)
            Numbers[i] = reader.Number(value(numeric[i].Name));
        var categorical = reader.CategoricalColumns;
        for (var i = 0; i < categorical.Count; i++)
            Text[i] = reader.Category(value(categorical[i].Name)) is { } level ? FeatureSchema.LevelKey(categorical[i].Name, level) : "";
    }
}

/// <summary>Reads raw cells for a <see cref="FeatureSchema"/>: trimming, missing markers, invariant-culture numbers.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CellReader
{
    private readonly HashSet<string> _missing;

    /// <summary>A reader for <paramref name="schema"/>.</summary>
    public CellReader(FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _missing = new HashSet<string>(schema.MissingMarkers.Select(m => m.Trim()), StringComparer.OrdinalIgnoreCase);
        NumericColumns = schema.Numeric;
        CategoricalColumns = schema.Categorical;
    }

    /// <summary>The schema read.</summary>
    public FeatureSchema Schema { get; }

    /// <summary>The numeric columns in order.</summary>
    public IReadOnlyList<FeatureColumn> NumericColumns { get; }

    /// <summary>The categorical columns in order.</summary>
    public IReadOnlyList<FeatureColumn> CategoricalColumns { get; }

    /// <summary>A number, or NaN when the value is missing, a marker or not a finite invariant-culture number.</summary>
    public float Number(object? raw) => raw switch
    {
        null => float.NaN,
        double d => double.IsFinite(d) ? (float)d : float.NaN,
        float f => float.IsFinite(f) ? f : float.NaN,
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        _ => Text(raw) is { } text && TryParseNumber(text, out var value) ? (float)value : float.NaN,
    };

    /// <summary>The trimmed text of a category, or <see langword="null"/> when missing.</summary>
    public string? Category(object? raw) => Text(raw);

    /// <summary>True for a blank cell or a missing marker.</summary>
    public bool IsMissing(string? cell) => string.IsNullOrWhiteSpace(cell) || _missing.Contains(cell.Trim());

    /// <summary>Invariant-culture parse of a finite number.</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private string? Text(object? raw)
    {
        var text = raw switch
        {
            null => null,
            string s => s,
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => raw.ToString(),
        };
        return IsMissing(text) ? null : text!.Trim();
    }
}
