using System.Globalization;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;
using LeadIntake.Storage;
using Azure.Storage.Blobs;
using LeadIntake.Storage.Models;
using LeadIntake.Testing;

namespace LeadIntake.Training.Tests;

/// <remarks>
/// The CLI always publishes to the app's <c>models</c> container, so these tests share one private Azurite and run one
/// at a time (one class); each starts by removing the <c>current</c> pointer, so none depends on another's data.
/// </remarks>
public sealed class PublishCliTests(AzuriteFixture azurite, TrainedModels models)
    : IClassFixture<AzuriteFixture>, IClassFixture<TrainedModels>, IAsyncLifetime
{
    private ModelRegistry Registry => new(azurite.CreateBlobServiceClient(), TimeProvider.System);

    public async Task InitializeAsync()
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.ModelsContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(StorageNames.CurrentModelPointerBlob).DeleteIfExistsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Publish_FirstModel_UploadsVersionBlobAndMovesPointer()
    {
        var artifact = await ReadAsync(models.HonestModelPath);

        var run = await PublishAsync(models.HonestModelPath);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("no model is published yet", run.Output);
        var current = await Registry.DownloadCurrentAsync([LeadModel.ModelFileName, LeadModel.CardFileName]);
        Assert.NotNull(current);
        Assert.Equal(artifact.ModelVersion, current.Pointer.Version);
        Assert.Equal(artifact.ModelVersion + "/", current.Pointer.Blob);
        Assert.Equal(artifact.Holdout!.Auc, current.Pointer.HoldoutAuc);
        Assert.Equal(artifact.ToJson(), current.Files[LeadModel.CardFileName].ToString());
    }

    [Fact]
    public async Task Publish_WorseModel_RefusedUnlessForced()
    {
        var leaky = await ReadAsync(models.LeakyModelPath);
        var honest = await ReadAsync(models.HonestModelPath);
        Assert.True(await PublishAsync(models.LeakyModelPath) is { ExitCode: ExitCodes.Success });

        var refused = await PublishAsync(models.HonestModelPath);
        var pointerAfterRefusal = await Registry.GetCurrentPointerAsync();
        var forced = await PublishAsync(models.HonestModelPath, "--force");

        Assert.Equal(ExitCodes.Failed, refused.ExitCode);
        Assert.Contains("refused", refused.Error);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(leaky.ModelVersion, pointerAfterRefusal?.Pointer.Version);
        Assert.True(forced.ExitCode == ExitCodes.Success, forced.ToString());
        Assert.Contains("forced", forced.Output);
        Assert.Equal(honest.ModelVersion, (await Registry.GetCurrentPointerAsync())?.Pointer.Version);
    }

    [Fact]
    public async Task Publish_WiderMargin_AcceptsTheSameDrop()
    {
        var leaky = await ReadAsync(models.LeakyModelPath);
        var honest = await ReadAsync(models.HonestModelPath);
        Assert.True(await PublishAsync(models.LeakyModelPath) is { ExitCode: ExitCodes.Success });
        var margin = (leaky.Holdout!.Auc - honest.Holdout!.Auc + 0.001).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await PublishAsync(models.HonestModelPath, "--max-auc-drop", margin);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("recorded holdout figures, not the same rows: pass --history", run.Output);
        Assert.Equal(honest.ModelVersion, (await Registry.GetCurrentPointerAsync())?.Pointer.Version);
    }

    [Fact]
    public async Task Publish_WithHistory_ScoresTheNewModelsHoldoutRowsWithBothModels()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("other.csv"), rows: 500, seed: 52);
        Assert.True(await Cli.RunAsync("train", "--history", temp.File("other.csv"), "--label", LeadHistoryCsv.Label, "--out", temp.File("other"))
            is { ExitCode: ExitCodes.Success });
        Assert.True(await PublishAsync(temp.File("other")) is { ExitCode: ExitCodes.Success });
        var honest = LeadModel.Load(models.HonestModelPath);
        var holdout = HoldoutRows.Select(CsvTable.Read(models.HistoryPath), models.HonestModelPath, honest.Card)!;
        var currentOnThoseRows = Evaluator.Evaluate(LeadModel.Load(temp.File("other")), holdout, LeadHistoryCsv.Label).Auc;
        var recorded = (await Registry.GetCurrentPointerAsync())!.Pointer.HoldoutAuc;

        var run = await PublishAsync(models.HonestModelPath, "--history", models.HistoryPath, "--max-auc-drop", "1");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.NotEqual(Math.Round(recorded, 4), Math.Round(currentOnThoseRows, 4));
        Assert.Contains(
            string.Create(CultureInfo.InvariantCulture, $"AUC {honest.Card.Holdout!.Auc:0.0000} vs {currentOnThoseRows:0.0000}"), run.Output);
        Assert.Contains($"both scored on the same {holdout.RowCount} holdout rows", run.Output);
    }

    [Fact]
    public async Task Publish_HistoryTheModelWasNotTrainedFrom_Exit1NothingPublished()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("other.csv"), rows: 500, seed: 53);

        var run = await PublishAsync(models.HonestModelPath, "--history", temp.File("other.csv"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("not the history", run.Error);
        Assert.Null(await Registry.GetCurrentPointerAsync());
    }

    [Fact]
    public async Task Publish_CurrentModelNeedsAColumnTheHistoryLacks_FallsBackToRecordedFiguresSayingSo()
    {
        using var temp = new TempDirectory();
        var full = CsvTable.Read(models.HistoryPath);
        var country = full.IndexOf("Country");
        var lines = new[] { full.Columns.Where((_, c) => c != country) }
            .Concat(full.Rows.Select(r => r.Where((_, c) => c != country)))
            .Select(cells => string.Join(',', cells.Select(cell => "\"" + (cell ?? "").Replace("\"", "\"\"") + "\"")));
        await File.WriteAllLinesAsync(temp.File("no-country.csv"), lines);
        Assert.True(await Cli.RunAsync("train", "--history", temp.File("no-country.csv"), "--label", LeadHistoryCsv.Label, "--drop-leaky", "--out", temp.File("new"))
            is { ExitCode: ExitCodes.Success });
        Assert.True(await PublishAsync(models.HonestModelPath) is { ExitCode: ExitCodes.Success });

        var run = await PublishAsync(temp.File("new"), "--history", temp.File("no-country.csv"), "--max-auc-drop", "1");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("recorded holdout figures, not the same rows: the current model needs column(s) the history lacks: Country", run.Output);
    }

    [Fact]
    public async Task Publish_SameModelTwice_SecondIsANoOp()
    {
        Assert.True(await PublishAsync(models.HonestModelPath) is { ExitCode: ExitCodes.Success });
        var before = await Registry.GetCurrentPointerAsync();

        var run = await PublishAsync(models.HonestModelPath);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("already", run.Output);
        Assert.Equal(before?.ETag, (await Registry.GetCurrentPointerAsync())?.ETag);
    }

    [Fact]
    public async Task Publish_InvalidModelFile_Exit1NothingPublished()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("model"));
        await File.WriteAllTextAsync(temp.File("model/model-card.json"), "not json");

        var run = await PublishAsync(temp.File("model"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("Cannot read model", run.Error);
        Assert.Null(await Registry.GetCurrentPointerAsync());
    }

    [Fact]
    public async Task Publish_NoConnectionOption_UsesAzureWebJobsStorage()
    {
        var artifact = await ReadAsync(models.HonestModelPath);
        var environment = new Dictionary<string, string> { [LeadIntake.Storage.StorageNames.Connection] = azurite.ConnectionString };

        var run = await Cli.RunProcessAsync(environment, "publish", "--model", models.HonestModelPath);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(artifact.ModelVersion, (await Registry.GetCurrentPointerAsync())?.Pointer.Version);
    }

    [Fact]
    public async Task Publish_StorageUnreachable_Exit1SayingSo()
    {
        var run = await Cli.RunAsync(
            "publish", "--model", models.HonestModelPath, "--connection", AzuriteFixture.CreateUnreachableConnectionString());

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("Cannot reach blob storage", run.Error);
    }

    private Task<CliResult> PublishAsync(string modelPath, params string[] extra) =>
        Cli.RunAsync(["publish", "--model", modelPath, "--connection", azurite.ConnectionString, .. extra]);

    private static async Task<ModelCard> ReadAsync(string path) => ModelCard.Read(await File.ReadAllTextAsync(Path.Combine(path, LeadModel.CardFileName)));
}
