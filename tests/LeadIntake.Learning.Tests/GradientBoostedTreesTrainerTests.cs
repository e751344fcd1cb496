using LeadIntake.Learning.Evaluation;
using LeadIntake.Learning.Features;
using LeadIntake.Learning.Trees;

namespace LeadIntake.Learning.Tests;

public class GradientBoostedTreesTrainerTests
{
    private static readonly GradientBoostedTreesOptions NoEarlyStopping = new() { MaxIterations = 60, EarlyStoppingRounds = 0, MinLeafSize = 5, MinCategoryRows = 5 };

    [Fact]
    public void Fit_Interaction_LearnsWhatALinearModelCannot()
    {
        // XOR of two signs: no single feature is informative, the pair is.
        var random = new Random(2);
        const int n = 2000;
        var a = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y = Enumerable.Range(0, n).Select(i => (a[i] > 0) ^ (b[i] > 0) ? 1.0 : 0).ToArray();
        var data = TestEncoding.Dataset([Numeric("a"), Numeric("b")], [a, b], y);

        var (model, _) = new GradientBoostedTreesTrainer(NoEarlyStopping).Fit(data, TestEncoding.AllRows(data));

        var scores = Enumerable.Range(0, n).Select(i => model.RawScore(TestEncoding.Row(data, i))).ToArray();
        Assert.True(Metrics.Auc(scores, y) > 0.97);
    }

    [Fact]
    public void Fit_MissingValuesCarrySignal_LearnsDefaultDirection()
    {
        // Missing x means converted; present x is noise. A tree must route NaN to its own side.
        var random = new Random(3);
        const int n = 1000;
        var y = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1.0 : 0).ToArray();
        var x = y.Select(label => label > 0 && random.NextDouble() < 0.8 ? double.NaN : random.NextDouble()).ToArray();
        var data = TestEncoding.Dataset([Numeric("x")], [x], y);

        var (model, _) = new GradientBoostedTreesTrainer(NoEarlyStopping).Fit(data, TestEncoding.AllRows(data));

        Assert.True(model.RawScore([double.NaN]) > model.RawScore([0.5]) + 1);
    }

    [Fact]
    public void Fit_CategoricalSignal_SplitsOnLevelsNotOrder()
    {
        // Levels 0 and 3 convert, 1 and 2 do not: no single "x <= t" on the level index separates them.
        var random = new Random(4);
        const int n = 1200;
        var level = Enumerable.Range(0, n).Select(_ => (double)random.Next(4)).ToArray();
        var y = level.Select(l => (l is 0 or 3) ^ (random.NextDouble() < 0.1) ? 1.0 : 0).ToArray();
        var data = TestEncoding.Dataset([new FeatureColumn("c", FeatureKind.Categorical, ["a", "b", "c", "d"])], [level], y);

        var (model, _) = new GradientBoostedTreesTrainer(NoEarlyStopping with { MaxLeaves = 2, MaxIterations = 1 }).Fit(data, TestEncoding.AllRows(data));

        var tree = Assert.Single(model.Trees);
        Assert.True(tree.CategoryMask[0] is 0b1001 or 0b0110);
    }

    [Fact]
    public void Fit_EarlyStopping_KeepsFewerRoundsThanAllowedOnNoise()
    {
        var random = new Random(5);
        const int n = 1000;
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.3 ? 1.0 : 0).ToArray();
        var data = TestEncoding.Dataset([Numeric("x")], [x], y);

        var (model, iterations) = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { MaxIterations = 300, EarlyStoppingRounds = 10 })
            .Fit(data, TestEncoding.AllRows(data));

        Assert.True(iterations < 300);
        Assert.Equal(iterations, model.Trees.Count);
    }

    [Fact]
    public void Fit_Limits_RespectedByEveryTree()
    {
        var data = LogisticRegressionTrainerTests.EncodedSynthetic();
        var options = new GradientBoostedTreesOptions { MaxIterations = 20, EarlyStoppingRounds = 0, MaxLeaves = 6, MaxDepth = 3, MinLeafSize = 30 };

        var (model, _) = new GradientBoostedTreesTrainer(options).Fit(data, TestEncoding.AllRows(data));

        foreach (var tree in model.Trees)
        {
            Assert.True(tree.Left.Count(l => l < 0) <= 6);
            Assert.True(Depth(tree, 0) <= 3);
        }

        var leafCounts = new Dictionary<(int Tree, int Leaf), int>();
        for (var r = 0; r < data.RowCount; r++)
        {
            for (var t = 0; t < model.Trees.Count; t++)
            {
                var key = (t, model.Trees[t].LeafIndex(TestEncoding.Row(data, r)));
                leafCounts[key] = leafCounts.GetValueOrDefault(key) + 1;
            }
        }

        Assert.True(leafCounts.Values.Min() >= 30);
    }

    [Fact]
    public void Contributions_AnyRow_SumWithBaseToRawScore()
    {
        var data = LogisticRegressionTrainerTests.EncodedSynthetic();
        var (model, _) = new GradientBoostedTreesTrainer(NoEarlyStopping).Fit(data, TestEncoding.AllRows(data));

        TestEncoding.AssertContributionsAddUp(data, row => model.RawScore(row), (row, contributions) => model.Contributions(row, contributions));
    }

    [Fact]
    public void Options_OutOfRange_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { MaxBins = 300 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { LearningRate = 0 }));
    }

    [Fact]
    public void BinMapper_ManyDistinctValues_AtMost255BinsIncludingMissing()
    {
        var values = Enumerable.Range(0, 5000).Select(i => i * 0.37).ToArray();

        var mapper = BinMapper.Create(Numeric("x"), values, Enumerable.Range(0, 5000).ToArray(), 255);

        Assert.True(mapper.TotalBins <= 255);
        Assert.Equal(mapper.MissingBin, mapper.Bin(double.NaN));
        Assert.Equal(0, mapper.Bin(-1));
        Assert.Equal(mapper.ValueBins - 1, mapper.Bin(1e9));
    }

    private static FeatureColumn Numeric(string name) => new(name, FeatureKind.Numeric, []);

    private static int Depth(RegressionTree tree, int node) =>
        tree.Left[node] < 0 ? 0 : 1 + Math.Max(Depth(tree, tree.Left[node]), Depth(tree, tree.Right[node]));
}
