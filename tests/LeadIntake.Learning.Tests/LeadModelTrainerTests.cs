namespace LeadIntake.Learning.Tests;

public class LeadModelTrainerTests
{
    [Fact]
    public void Train_TooFewPositives_RefusesWithCounts()
    {
        var data = SyntheticLeads.Generate(60, seed: 1);

        var error = Assert.Throws<InsufficientDataException>(() => LeadModelTrainer.Train(data, SyntheticLeads.Options()));

        Assert.True(error.Positives < 40 || error.Negatives < 40);
        Assert.Contains("at least 40 positive and 40 negative", error.Message);
    }

    [Fact]
    public void Train_LoweredMinimum_Trains()
    {
        var data = SyntheticLeads.Generate(60, seed: 1);

        var result = LeadModelTrainer.Train(data, SyntheticLeads.Options() with { MinPositives = 5, MinNegatives = 5, Folds = 3 });

        Assert.Equal(60, result.Artifact.TrainingData.Rows);
    }

    [Fact]
    public void Train_SameDataAndSeed_ByteIdenticalArtifact()
    {
        var first = LeadModelTrainer.Train(SyntheticLeads.Generate(500, seed: 2), SyntheticLeads.Options()).Artifact.ToJson();
        var second = LeadModelTrainer.Train(SyntheticLeads.Generate(500, seed: 2), SyntheticLeads.Options()).Artifact.ToJson();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_DifferentSeed_DifferentFolds()
    {
        var data = SyntheticLeads.Generate(500, seed: 2);

        var a = LeadModelTrainer.Train(data, SyntheticLeads.Options(seed: 1)).Report.Candidates[0].FoldAucs;
        var b = LeadModelTrainer.Train(data, SyntheticLeads.Options(seed: 2)).Report.Candidates[0].FoldAucs;

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Train_NoCreatedAt_UsesInjectedClock()
    {
        var at = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var artifact = LeadModelTrainer.Train(SyntheticLeads.Generate(300, 2), SyntheticLeads.Options() with { CreatedAt = null, TimeProvider = new FixedClock(at) }).Artifact;

        Assert.Equal(at, artifact.CreatedAt);
        Assert.Contains("20300102T030405Z", artifact.ModelVersion);
    }

    [Fact]
    public void Train_Synthetic_ReportIsComplete()
    {
        var result = LeadModelTrainer.Train(SyntheticLeads.Generate(800, seed: 4), SyntheticLeads.Options());
        var report = result.Report;

        Assert.Equal(3, report.Candidates.Count);
        Assert.All(report.Candidates, c => Assert.Equal(5, c.FoldAucs.Count));
        Assert.Equal(report.Candidates.Max(c => c.MeanAuc), report.Chosen.MeanAuc);
        Assert.InRange(report.Metrics.Auc, 0.7, 0.95);            // the generator's signal is strong but noisy
        Assert.Equal(10, report.Metrics.Lift.Count);
        Assert.Equal(["Lead ID"], report.IdColumns);
        Assert.Contains(report.Scorecard, e => e.Feature == "Source" && e.Value == "Referral" && e.Points > 0);
        Assert.Equal("Source", report.FeatureImportance.Take(3).Select(i => i.Feature).First(f => f is "Source" or "Country"));
        Assert.True(report.Thresholds.SalesQualified.Score >= report.Thresholds.MarketingQualified.Score);
        Assert.True(report.Grades.A > report.Grades.B && report.Grades.B > report.Grades.C);
        Assert.Equal(800, report.ScoreDistribution.Sum(b => b.Positives + b.Negatives));
    }

    [Fact]
    public void Train_OnlyLinearKind_ChoosesLinear()
    {
        var result = LeadModelTrainer.Train(SyntheticLeads.Generate(300, 4), SyntheticLeads.Options() with { ModelKinds = [ModelKind.LogisticRegression] });

        Assert.Equal(ModelKind.LogisticRegression, result.Artifact.ModelKind);
        Assert.NotNull(result.Artifact.Linear);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
