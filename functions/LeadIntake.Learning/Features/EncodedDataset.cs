namespace LeadIntake.Learning.Features;

/// <summary>A history encoded against a <see cref="FeatureSchema"/>: column-major values and 0/1 labels.</summary>
internal sealed class EncodedDataset
{
    public EncodedDataset(FeatureSchema schema, double[][] columns, double[] labels)
    {
        Schema = schema;
        Columns = columns;
        Labels = labels;
    }

    public FeatureSchema Schema { get; }

    /// <summary>Encoded values, <c>Columns[feature][row]</c>.</summary>
    public double[][] Columns { get; }

    public double[] Labels { get; }

    public int RowCount => Labels.Length;

    public int FeatureCount => Columns.Length;

    public void CopyRow(int row, Span<double> features)
    {
        for (var f = 0; f < Columns.Length; f++)
            features[f] = Columns[f][row];
    }
}
