using System.Net;
using System.Net.Http.Json;
using LeadIntake.Functions.Hosting;
using LeadIntake.Scoring;
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

/// <summary>A trained model published to blob storage replaces the points model without a restart; bad publishes are skipped.</summary>
public sealed class PublishedModelScoringTests(PublishedModelAppFixture fixture) : IClassFixture<PublishedModelAppFixture>
{
    [Fact]
    public async Task ProcessLead_ModelPublishedWhileRunning_ScoresWithItAndKeepsItWhenBadModelsFollow()
    {
        var registry = new ModelRegistry(fixture.Azurite.CreateBlobServiceClient(), TimeProvider.System);
        var before = await CaptureAndWaitAsync(FunctionAppFixture.UniqueEmail("before"));
        var golden = GoldenFiles();
        var card = ModelCard.Read(golden[LeadModel.CardFileName].ToString());
        var published = await registry.PublishAsync(card.ModelVersion, golden, holdoutAuc: 0.8, expectedPointerETag: null);
        var after = await CaptureAndWaitAsync(FunctionAppFixture.UniqueEmail("after"));

        // A model needing a feature the pipeline does not produce, then a corrupt model.zip: both logged and skipped.
        var foreign = card with { ModelVersion = "foreign-1", Features = card.Features with { Columns = [.. card.Features.Columns.Select(c => c with { Name = "favourite_colour_" + c.Name })] } };
        var mismatched = await registry.PublishAsync("foreign-1",
            new Dictionary<string, BinaryData> { [LeadModel.ModelFileName] = golden[LeadModel.ModelFileName], [LeadModel.CardFileName] = BinaryData.FromString(foreign.ToJson()) },
            0.8, published.ETag);
        var afterMismatch = await CaptureAndWaitAsync(FunctionAppFixture.UniqueEmail("mismatch"));
        await registry.PublishAsync("corrupt-1",
            new Dictionary<string, BinaryData> { [LeadModel.ModelFileName] = BinaryData.FromString("not a zip"), [LeadModel.CardFileName] = BinaryData.FromString((card with { ModelVersion = "corrupt-1" }).ToJson()) },
            0.8, mismatched.ETag);
        var afterCorrupt = await CaptureAndWaitAsync(FunctionAppFixture.UniqueEmail("corrupt"));

        Assert.Equal("points-v1", before.ScoringModel);
        Assert.Null(before.Probability);
        Assert.Equal(card.ModelVersion, after.ScoringModel);
        Assert.InRange(after.Probability ?? -1, 0, 1);
        Assert.Equal(card.Scale.ToScore(after.Probability!.Value), after.Score);
        Assert.Equal(card.ModelVersion, afterMismatch.ScoringModel);
        Assert.Equal(card.ModelVersion, afterCorrupt.ScoringModel);
    }

    private static Dictionary<string, BinaryData> GoldenFiles() => new()
    {
        [LeadModel.ModelFileName] = BinaryData.FromBytes(File.ReadAllBytes(RepositoryPaths.TestData("golden-model/" + LeadModel.ModelFileName))),
        [LeadModel.CardFileName] = BinaryData.FromBytes(File.ReadAllBytes(RepositoryPaths.TestData("golden-model/" + LeadModel.CardFileName))),
    };

    private async Task<ScoreSnapshotEntity> CaptureAndWaitAsync(string email)
    {
        var response = await fixture.Host.Client.PostAsJsonAsync("api/leads", new { email, contactRequested = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, FunctionAppFixture.Identity.LeadIdFor(email))).SingleOrDefault(),
            TimeSpan.FromSeconds(30), "the score snapshot");
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
            async () => await fixture.LeadAsync(FunctionAppFixture.Identity.LeadIdFor(email)),
            TimeSpan.FromSeconds(30), "the Leads row");
        Assert.Equal(33, lead.Score);          // the file's only rule: corporate +33 (the built-in model gives 10)
        Assert.Equal("Lead", lead.Stage);      // 33 < the default policy's MQL fit of 40: the model scores, the policy qualifies
        Assert.Equal("points-test-7", lead.ScoringModel);
    }
}
