using LeadIntake.Learning.Features;

namespace LeadIntake.Learning.Tests;

/// <summary>Builds small encoded datasets directly, for trainer unit tests.</summary>
internal static class TestEncoding
{
    public static EncodedDataset Dataset(FeatureColumn[] columns, double[][] values, double[] labels) =>
        new(new FeatureSchema(columns, FeatureSchema.DefaultMissingMarkers, []), values, labels);

    public static int[] AllRows(EncodedDataset data) => Enumerable.Range(0, data.RowCount).ToArray();

    public static double[] Row(EncodedDataset data, int row)
    {
        var features = new double[data.FeatureCount];
        data.CopyRow(row, features);
        return features;
    }
}
