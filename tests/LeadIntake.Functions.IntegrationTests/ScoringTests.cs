using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LeadIntake.Domain.Scoring;
using LeadIntake.Functions.Hosting;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;
using LeadIntake.Storage;
using LeadIntake.Storage.Leads;
using LeadIntake.Storage.Models;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The app checks the published-model pointer on every lead (refresh interval 0).</summary>
public sealed class PublishedModelAppFixture : FunctionAppFixture
{
    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new($"{ScoringOptions.SectionName}__ModelRefreshInterval", "00:00:00")];
}

/// <summary>A trained model published to blob storage replaces the points model without a restart.</summary>
public sealed class PublishedModelScoringTests(PublishedModelAppFixture fixture) : IClassFixture<PublishedModelAppFixture>
{
    [Fact]
    public async Task ProcessLead_ModelPublishedWhileRunning_ScoresWithItFromThenOn()
    {
        var before = await CaptureAndWaitAsync(FunctionAppFixture.UniqueEmail("before"));
        var artifact = TrainSyntheticModel();
        await new ModelRegistry(fixture.Azurite.CreateBlobServiceClient(), TimeProvider.System).PublishAsync(
            artifact.ModelVersion, BinaryData.FromString(artifact.ToJson()), holdoutAuc: 0.8, expectedPointerETag: null);
        var after = await CaptureAndWaitAsync(FunctionAppFixture.UniqueEmail("after"));

        Assert.Equal("points-v1", before.ScoringModel);
        Assert.Null(before.Probability);
        Assert.Equal(artifact.ModelVersion, after.ScoringModel);
        Assert.InRange(after.Score, 0, 100);
        Assert.InRange(after.Probability ?? -1, 0, 1);
    }

    private async Task<ScoreSnapshotEntity> CaptureAndWaitAsync(string email)
    {
        var response = await fixture.Host.Client.PostAsJsonAsync("api/leads", new { email, contactRequested = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, FunctionAppFixture.Identity.LeadIdFor(email))).SingleOrDefault(),
            TimeSpan.FromSeconds(30), "the score snapshot");
    }

    /// <summary>Trains on 400 synthetic leads described by intake feature names; conversion favours hand-raisers at companies.</summary>
    private static ModelArtifact TrainSyntheticModel()
    {
        var random = new Random(11);
        string[] columns = [LeadFeatureNames.EmailClass, LeadFeatureNames.ContactRequested, LeadFeatureNames.HasPhone, LeadFeatureNames.MessageLength, "converted"];
        var rows = new List<string?[]>();
        for (var i = 0; i < 400; i++)
        {
            var emailClass = random.Next(3) switch { 0 => "corporate", 1 => "free_mail", _ => "role" };
            var contact = random.Next(2);
            var phone = random.Next(2);
            var odds = 0.15 + (contact * 0.35) + (emailClass == "corporate" ? 0.2 : 0) + (phone * 0.1);
            var converted = random.NextDouble() < odds ? "1" : "0";
            rows.Add([emailClass, contact.ToString(CultureInfo.InvariantCulture), phone.ToString(CultureInfo.InvariantCulture),
                random.Next(0, 300).ToString(CultureInfo.InvariantCulture), converted]);
        }

        var options = new TrainingOptions { Label = "converted", PositiveLabel = "1", Seed = 7, Folds = 3, CreatedAt = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero) };
        return LeadModelTrainer.Train(new TabularData(columns, rows), options).Artifact;
    }
}

/// <summary>The app scoring with a points-model file named in its settings.</summary>
public sealed class PointsFileAppFixture : FunctionAppFixture
{
    /// <summary>The points model file.</summary>
    public string ModelPath { get; } = Path.Combine(Path.GetTempPath(), $"points-{Guid.NewGuid():N}.json");

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(ModelPath, """
            {
              "version": "points-test-7",
              "baseline": 0,
              "thresholds": { "mql": 20, "sql": 90 },
              "grades": { "A": 70, "B": 45, "C": 25 },
              "rules": [ { "feature": "email_class", "equals": "corporate", "points": 33 } ]
            }
            """);
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(ModelPath);
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new($"{ScoringOptions.SectionName}__PointsModelPath", ModelPath),
        new($"{ScoringOptions.SectionName}__UsePublishedModel", "false"),
    ];
}

/// <summary>A points model file named in settings replaces the built-in model.</summary>
public sealed class PointsFileScoringTests(PointsFileAppFixture fixture) : IClassFixture<PointsFileAppFixture>
{
    [Fact]
    public async Task ProcessLead_PointsModelFileConfigured_ScoresAndStagesWithIt()
    {
        var email = FunctionAppFixture.UniqueEmail();
        var response = await fixture.Host.Client.PostAsJsonAsync("api/leads", new { email });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var lead = await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, FunctionAppFixture.Identity.LeadIdFor(email))).SingleOrDefault(),
            TimeSpan.FromSeconds(30), "the Leads row");
        Assert.Equal(33, lead.Score);          // the file's only rule: corporate +33 (the built-in model gives 10)
        Assert.Equal("MQL", lead.Stage);       // 33 >= the file's MQL threshold 20 (built-in: 40)
        Assert.Equal("points-test-7", lead.ScoringModel);
    }
}
