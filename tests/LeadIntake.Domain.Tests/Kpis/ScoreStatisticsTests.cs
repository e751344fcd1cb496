using LeadIntake.Domain.Kpis;

namespace LeadIntake.Domain.Tests.Kpis;

public class ScoreStatisticsTests
{
    [Fact]
    public void Auc_HandCounted_TiesCountHalf()
    {
        // Won 80, 60; lost 60, 20. Pairs (won, lost): (80,60) 1, (80,20) 1, (60,60) ½, (60,20) 1 → 3.5 / 4 = 0.875.
        Assert.Equal(0.875, ScoreStatistics.Auc(Counts(80, 60), Counts(60, 20))!.Value, 12);
    }

    [Fact]
    public void Auc_OneClassOnly_IsNull()
    {
        Assert.Null(ScoreStatistics.Auc(Counts(80), new ScoreCounts()));
        Assert.Null(ScoreStatistics.Auc(new ScoreCounts(), Counts(20)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Auc_SeededScores_EqualsBruteForcePairCount(int seed)
    {
        var random = new Random(seed);
        var won = Enumerable.Range(0, 150).Select(_ => Math.Min(100, random.Next(30, 101))).ToArray();
        var lost = Enumerable.Range(0, 230).Select(_ => random.Next(0, 80)).ToArray();

        double pairs = 0;
        foreach (var w in won)
        {
            foreach (var l in lost)
                pairs += w > l ? 1 : w == l ? 0.5 : 0;
        }

        Assert.Equal(pairs / (won.Length * lost.Length), ScoreStatistics.Auc(Counts(won), Counts(lost))!.Value, 12);
    }

    [Fact]
    public void Psi_KnownShares_IsTheSum()
    {
        // a = .2, .1 ×7, .05, .05 against .1 each: .1·ln 2 + 2 · (−.05)·ln .5 = .2·ln 2 = 0.138629…
        Assert.Equal(0.2 * Math.Log(2), ScoreStatistics.Psi([20, 10, 10, 10, 10, 10, 10, 10, 5, 5], Uniform())!.Value, 12);
    }

    [Fact]
    public void Psi_EmptyBuckets_AreFlooredAtOneInTenThousand()
    {
        // a = 1, 0.0001 ×9: .9·ln 10 + 9 · (.0001 − .1)·ln .001 = 2.072327 + 6.210763 = 8.283089.
        Assert.Equal(8.283089355, ScoreStatistics.Psi([100, 0, 0, 0, 0, 0, 0, 0, 0, 0], Uniform())!.Value, 8);
    }

    [Fact]
    public void Psi_SameDistribution_IsZero_AndNothingCounted_IsNull()
    {
        Assert.Equal(0, ScoreStatistics.Psi([7, 7, 7, 7, 7, 7, 7, 7, 7, 7], Uniform())!.Value, 12);
        Assert.Null(ScoreStatistics.Psi(new long[10], Uniform()));
    }

    [Fact]
    public void Deciles_ScoreHundred_JoinsTheTopDecile()
    {
        Assert.Equal([1L, 0, 0, 0, 0, 0, 0, 0, 0, 3], Counts(0, 90, 99, 100).Deciles());
    }

    private static double[] Uniform() => [.. Enumerable.Repeat(0.1, 10)];

    private static ScoreCounts Counts(params int[] scores)
    {
        var counts = new ScoreCounts();
        foreach (var score in scores)
            counts.Add(score);
        return counts;
    }
}
