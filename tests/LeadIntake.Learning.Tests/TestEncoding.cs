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

    /// <summary>Asserts, for the first 50 rows, that the base value plus the per-feature contributions is the raw score.</summary>
    /// <param name="data">Encoded rows to explain.</param>
    /// <param name="rawScore">The model's raw score of a row.</param>
    /// <param name="contributions">Fills the per-feature contributions of a row and returns the base value.</param>
    public static void AssertContributionsAddUp(
        EncodedDataset data, Func<double[], double> rawScore, Func<double[], double[], double> contributions)
    {
        var perFeature = new double[data.FeatureCount];
        for (var r = 0; r < 50; r++)
        {
            var row = Row(data, r);
            var baseValue = contributions(row, perFeature);
            Assert.Equal(rawScore(row), baseValue + perFeature.Sum(), 10);
        }
    }
}
