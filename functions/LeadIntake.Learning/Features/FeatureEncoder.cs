using System.Globalization;

namespace LeadIntake.Learning.Features;

/// <summary>Turns raw cells into the encoded values of a <see cref="FeatureSchema"/> (see <see cref="FeatureColumn"/>).</summary>
/// <remarks>Immutable and thread-safe once built; lookups allocate nothing.</remarks>
internal sealed class FeatureEncoder
{
    private readonly Dictionary<string, int>[] _levelIndex;
    private readonly HashSet<string> _missing;

    public FeatureEncoder(FeatureSchema schema)
    {
        Schema = schema;
        _missing = new HashSet<string>(schema.MissingMarkers.Select(m => m.Trim()), StringComparer.OrdinalIgnoreCase);
        _levelIndex = schema.Columns
            .Select(c => c.Levels.Select((level, i) => (level, i)).ToDictionary(p => p.level, p => p.i, StringComparer.Ordinal))
            .ToArray();
    }

    public FeatureSchema Schema { get; }

    public bool IsMissing(string? cell) => cell is null || _missing.Contains(cell.Trim());

    public double Encode(int column, object? raw) => raw switch
    {
        null => double.NaN,
        string s => EncodeText(column, s),
        double d => EncodeNumber(column, d),
        float f => EncodeNumber(column, f),
        int i => EncodeNumber(column, i),
        long l => EncodeNumber(column, l),
        decimal m => EncodeNumber(column, (double)m),
        bool b => EncodeText(column, b ? "true" : "false"),
        IFormattable f => EncodeText(column, f.ToString(null, CultureInfo.InvariantCulture)),
        _ => EncodeText(column, raw.ToString()),
    };

    public double EncodeText(int column, string? cell)
    {
        if (IsMissing(cell))
            return double.NaN;
        var text = cell!.Trim();
        if (Schema.Columns[column].Kind == FeatureKind.Numeric)
            return TryParseNumber(text, out var value) ? value : double.NaN;
        return _levelIndex[column].TryGetValue(text, out var level) ? level : Schema.Columns[column].OtherLevel;
    }

    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private double EncodeNumber(int column, double value)
    {
        if (!double.IsFinite(value))
            return double.NaN;
        if (Schema.Columns[column].Kind == FeatureKind.Numeric)
            return value;
        return EncodeText(column, value.ToString("R", CultureInfo.InvariantCulture));
    }
}
