using System.Globalization;
using LeadIntake.Domain.Scoring;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Pipeline;
using LeadIntake.Functions.Pipeline.Entities;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;
using LeadIntake.Storage;
using LeadIntake.Storage.Models;
using LeadIntake.Storage.Tables;
using LeadIntake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>A trained model published to blob storage replaces the points model without a restart.</summary>
public sealed class PublishedModelScoringTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private LeadIntakeAppFactory? _factory;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _factory = new LeadIntakeAppFactory(_azurite.ConnectionString, localQueueListener: false,
            new Dictionary<string, string?> { [$"{ScoringOptions.SectionName}:ModelRefreshInterval"] = "00:00:00" });
        await _factory.WaitForStorageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_ModelPublishedWhileRunning_ScoresWithItFromThenOn()
    {
        var step = _factory!.Services.GetRequiredService<ProcessLeadStep>();
        var before = await step.RunAsync(TestSubmissions.Message(TestSubmissions.UniqueEmail("before")));
        var artifact = TrainSyntheticModel();

        await new ModelRegistry(_azurite.ConnectionString).PublishAsync(
            artifact.ModelVersion, BinaryData.FromString(artifact.ToJson()), holdoutAuc: 0.8, expectedPointerETag: null);
        var after = await step.RunAsync(TestSubmissions.Message(TestSubmissions.UniqueEmail("after"), ("contactRequested", "true")));

        Assert.Equal("points-v1", await ModelOfAsync(before));
        Assert.Equal(artifact.ModelVersion, await ModelOfAsync(after));
        Assert.InRange(after.Score, 0, 100);
    }

    private async Task<string> ModelOfAsync(ProcessLeadResult result)
    {
        var rows = new List<ScoreSnapshotEntity>();
        var table = new TableServiceClient(_azurite.ConnectionString).GetTableClient(StorageNames.ScoreSnapshotsTable);
        await foreach (var row in table.QueryAsync<ScoreSnapshotEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {result.LeadId}")))
            rows.Add(row);
        return Assert.Single(rows).ScoringModel;
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
