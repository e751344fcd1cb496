using LeadIntake.Learning.Evaluation;

namespace LeadIntake.Learning.Tests;

public class MetricsTests
{
    [Fact]
    public void Auc_HandExample_CountsTiesHalf()
    {
        // Pairs (pos, neg): (0.8,0.1) win, (0.8,0.4) win, (0.4,0.1) win, (0.4,0.4) tie → (3 + 0.5) / 4.
        double[] scores = [0.8, 0.4, 0.1, 0.4];
        double[] labels = [1, 1, 0, 0];

        Assert.Equal(0.875, Metrics.Auc(scores, labels), 12);
    }

    [Fact]
    public void LogLossAndBrier_HandExample()
    {
        double[] p = [0.9, 0.2];
        double[] y = [1, 0];

        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8)) / 2, Metrics.LogLoss(p, y), 12);
        Assert.Equal((0.01 + 0.04) / 2, Metrics.Brier(p, y), 12);
    }

    [Fact]
    public void Lift_PerfectRanking_TopDecileHoldsAllPositives()
    {
        var p = Enumerable.Range(0, 100).Select(i => 1 - i / 100.0).ToArray();
        var y = Enumerable.Range(0, 100).Select(i => i < 10 ? 1.0 : 0).ToArray();

        var lift = Metrics.Lift(p, y);

        Assert.Equal(10, lift.Count);
        Assert.Equal(10.0, lift[0].Lift, 12);       // precision 1 ÷ base rate 0.1
        Assert.Equal(1.0, lift[0].CumulativeGain, 12);
        Assert.Equal(0, lift[1].Positives);
    }

    [Fact]
    public void Calibration_GroupsByTenths()
    {
        double[] p = [0.05, 0.07, 0.95];
        double[] y = [0, 1, 1];

        var bins = Metrics.Calibration(p, y);

        Assert.Equal(2, bins.Count);
        Assert.Equal(0.06, bins[0].MeanPredicted, 12);
        Assert.Equal(0.5, bins[0].Observed, 12);
    }
}
