namespace LeadIntake.Learning.Tests;

/// <summary>
/// Committed artifacts in tests/TestData must keep loading and scoring to the same values in every later build.
/// Both were produced once by <c>LeadModelTrainer.Train(SyntheticLeads.Generate(400, seed: 7), SyntheticLeads.Options()
/// with { ModelKinds = [kind] })</c> (format version 1, 2026-11-22); the expected probabilities below are what
/// <c>CreateScorer().Score(...)</c> printed for these leads right after training, rounded to 12 digits.
/// </summary>
public class GoldenArtifactTests
{
    public static TheoryData<string, string, string, object?, object?, string, string?, double, string> Cases => new()
    {
        // file, expected model version, then a lead (source, visits, time, country, form), then probability and grade at training time.
        { "model-v1.json", "gbdt-20261122T000000Z-6cf4ee91", "Referral", 12, 850, "C01", "Working", 0.931540951950, "A" },
        { "model-v1.json", "gbdt-20261122T000000Z-6cf4ee91", "Social", null, 10, "C01", "Working", 0.102953037719, "D" },
        { "model-v1.json", "gbdt-20261122T000000Z-6cf4ee91", "Google", 5, 300, "C03", "Select", 0.348293600274, "D" },
        { "model-v1.json", "gbdt-20261122T000000Z-6cf4ee91", "Email", "2", "620.5", "C77", "Student", 0.824165011843, "B" },
        { "model-v1-linear.json", "logit-20261122T000000Z-6cf4ee91", "Referral", 12, 850, "C01", "Working", 0.991603412109, "A" },
        { "model-v1-linear.json", "logit-20261122T000000Z-6cf4ee91", "Social", null, 10, "C01", "Working", 0.047179701249, "D" },
        { "model-v1-linear.json", "logit-20261122T000000Z-6cf4ee91", "Google", 5, 300, "C03", "Select", 0.472373937740, "D" },
        { "model-v1-linear.json", "logit-20261122T000000Z-6cf4ee91", "Email", "2", "620.5", "C77", "Student", 0.744287804680, "C" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Score_GoldenArtifact_FixedProbability(string file, string version, string source, object? visits, object? time,
        string country, string? form, double probability, string grade)
    {
        await using var stream = File.OpenRead(RepositoryPaths.TestData(file));
        var artifact = await ModelArtifact.ReadAsync(stream);

        var score = artifact.CreateScorer().Score(SyntheticLeads.Lead(source, visits, time, country, form));

        Assert.Equal(version, score.ModelVersion);
        Assert.Equal(probability, score.Probability, 1e-9);
        Assert.Equal(grade, score.Grade);
        Assert.Equal(score.RawScore, score.BaseValue + score.Reasons.Sum(r => r.Contribution) + score.OtherContribution, 9);
    }
}
