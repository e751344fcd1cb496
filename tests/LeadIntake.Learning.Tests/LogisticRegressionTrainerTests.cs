using LeadIntake.Learning.Calibration;
using LeadIntake.Learning.Features;
using LeadIntake.Learning.Linear;

namespace LeadIntake.Learning.Tests;

public class LogisticRegressionTrainerTests
{
    [Fact]
    public void Fit_DataFromKnownModel_RecoversWeights()
    {
        // Truth: logit = 0.5 + 1.0·z (z standard normal) + 1.5·[level 1]; 20 000 rows, weak L2 → estimates within ~0.1.
        var random = new Random(1);
        const int n = 20_000;
        var z = new double[n];
        var level = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            z[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            level[i] = random.Next(2);
            y[i] = random.NextDouble() < PlattCalibrator.Sigmoid(0.5 + z[i] + 1.5 * level[i]) ? 1 : 0;
        }

        var data = TestEncoding.Dataset(
            [new FeatureColumn("z", FeatureKind.Numeric, []), new FeatureColumn("c", FeatureKind.Categorical, ["a", "b"])], [z, level], y);

        var model = new LogisticRegressionTrainer(new LogisticRegressionOptions { L2 = 0.01 }).Fit(data, TestEncoding.AllRows(data));

        var zTerm = model.Terms[0];
        Assert.InRange(zTerm.Weight / zTerm.Scale, 0.9, 1.1);
        var levels = model.Terms[1].LevelWeights;
        Assert.InRange(levels[1] - levels[0], 1.35, 1.65);
    }

    [Fact]
    public void Contributions_AnyRow_SumWithBaseToRawScore()
    {
        var data = EncodedSynthetic();
        var model = new LogisticRegressionTrainer(new LogisticRegressionOptions()).Fit(data, TestEncoding.AllRows(data));

        TestEncoding.AssertContributionsAddUp(data, row => model.RawScore(row), (row, contributions) => model.Contributions(row, contributions));
    }

    [Fact]
    public void Constructor_NonFiniteWeight_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new LogisticRegressionModel(double.NaN, []));
    }

    [Fact]
    public void Constructor_NonPositivePenalty_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionTrainer(new LogisticRegressionOptions { L2 = 0 }));
    }

    internal static EncodedDataset EncodedSynthetic()
    {
        var data = SyntheticLeads.Generate(500, seed: 9);
        var result = LeadModelTrainer.Train(data, SyntheticLeads.Options());
        var schema = result.Artifact.Schema;
        var encoder = new FeatureEncoder(schema);
        var columns = schema.Columns.Select((c, f) => data.Rows.Select(r => encoder.EncodeText(f, r[data.IndexOf(c.Name)])).ToArray()).ToArray();
        var labels = data.Rows.Select(r => r[data.IndexOf("Converted")] == "yes" ? 1.0 : 0).ToArray();
        return new EncodedDataset(schema, columns, labels);
    }
}
