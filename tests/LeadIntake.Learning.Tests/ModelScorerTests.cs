namespace LeadIntake.Learning.Tests;

public class ModelScorerTests
{
    public static TheoryData<string> Kinds => [ModelKind.LogisticRegression, ModelKind.GradientBoostedTrees];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Score_ReasonsPlusOtherPlusBase_EqualRawScore(string kind)
    {
        var scorer = Train(kind).CreateScorer();

        foreach (var lead in Leads())
        {
            var score = scorer.Score(lead);
            Assert.Equal(score.RawScore, score.BaseValue + score.Reasons.Sum(r => r.Contribution) + score.OtherContribution, 10);
            Assert.True(score.Reasons.Count(r => r.Contribution > 0) <= 5 && score.Reasons.Count(r => r.Contribution < 0) <= 5);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Score_HotVersusColdLead_RankedByTheGeneratorsRule(string kind)
    {
        var scorer = Train(kind).CreateScorer();

        var hot = scorer.Score(SyntheticLeads.Lead("Referral", 12, 850));
        var cold = scorer.Score(SyntheticLeads.Lead("Social", null, 10));

        Assert.True(hot.Probability > cold.Probability);
        Assert.Contains(hot.Reasons.First(r => r.Contribution > 0).Feature, new[] { "Source", "Visits", "Time on site" });
        Assert.Contains(cold.Reasons, r => r.Feature == "Visits" && r.Value is null && r.Contribution < 0);
    }

    [Fact]
    public void Score_ScoreAndGrade_FollowProbabilityAndCutoffs()
    {
        var artifact = Train(ModelKind.GradientBoostedTrees);
        var scorer = artifact.CreateScorer();

        var score = scorer.Score(SyntheticLeads.Lead("Referral", 12, 850));

        Assert.Equal((int)Math.Round(score.Probability * 100, MidpointRounding.AwayFromZero), score.Score);
        Assert.Equal(artifact.Grades.GradeFor(score.Score), score.Grade);
        Assert.Equal(artifact.ModelVersion, score.ModelVersion);
    }

    [Fact]
    public void Score_UnseenCategoryAndNumbersAsText_Accepted()
    {
        var scorer = Train(ModelKind.GradientBoostedTrees).CreateScorer();

        var asText = scorer.Score(SyntheticLeads.Lead("TikTok", "3", "120.5"));
        var asNumbers = scorer.Score(SyntheticLeads.Lead("TikTok", 3, 120.5));

        Assert.Equal(asText.Probability, asNumbers.Probability, 15);
    }

    [Fact]
    public void Score_LeadMissingAColumn_ThrowsNamingBothSides()
    {
        var scorer = Train(ModelKind.LogisticRegression).CreateScorer();
        var lead = new Dictionary<string, object?> { ["Source"] = "Google" };

        var error = Assert.Throws<ArgumentException>(() => scorer.Score(lead));

        Assert.Contains("Visits", error.Message);
        Assert.Contains("Lead columns: Source", error.Message);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Probability_EncodedBuffer_MatchesScoreWithoutAllocating(string kind)
    {
        var scorer = Train(kind).CreateScorer();
        var lead = SyntheticLeads.Lead("Email", 4, 300);
        var buffer = new double[scorer.FeatureCount];
        scorer.Encode(lead, buffer);
        scorer.Probability(buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var probability = scorer.Probability(buffer);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(scorer.Score(lead).Probability, probability, 15);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RawScore_EncodedBuffers_BitIdenticalToTheTreeModel()
    {
        // The scorer's flattened, branch-free walk must land in the same leaves as RegressionTree and add them in the same order:
        // random buffers mixing numbers, missing values, known and unseen ("other") levels, on both sides of every threshold.
        var artifact = Train(ModelKind.GradientBoostedTrees);
        var scorer = artifact.CreateScorer();
        var random = new Random(5);
        var buffer = new double[scorer.FeatureCount];

        for (var i = 0; i < 2000; i++)
        {
            for (var f = 0; f < buffer.Length; f++)
            {
                var column = artifact.Schema.Columns[f];
                buffer[f] = random.NextDouble() < 0.15 ? double.NaN
                    : column.Kind == Features.FeatureKind.Categorical ? random.Next(column.Levels.Count + 1)
                    : Math.Round(random.NextDouble() * 1000 - 50, random.Next(3));
            }

            Assert.Equal(artifact.Trees!.RawScore(buffer), scorer.RawScore(buffer));
        }
    }

    private static ModelArtifact Train(string kind) =>
        LeadModelTrainer.Train(SyntheticLeads.Generate(1000, seed: 8), SyntheticLeads.Options() with { ModelKinds = [kind] }).Artifact;

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Leads() =>
    [
        SyntheticLeads.Lead("Referral", 12, 850),
        SyntheticLeads.Lead("Social", null, 10, form: null),
        SyntheticLeads.Lead("Google", "NA", "Select", "C99", "Select"),
        SyntheticLeads.Lead("Unheard-of", 3, 400),
    ];
}
