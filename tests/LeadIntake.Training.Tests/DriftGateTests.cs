using System.Globalization;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;
using LeadIntake.Storage;
using LeadIntake.Storage.Models;

namespace LeadIntake.Training.Tests;

/// <summary>The PSI of score deciles, the drift gate's decision, and <c>publish --recent</c> on Azurite.</summary>
/// <remarks>One class: the CLI publishes to the app's fixed <c>models</c> container, so these tests run one at a time and each removes the pointer first.</remarks>
public sealed class DriftGateTests(AzuriteFixture azurite, TrainedModels models)
    : IClassFixture<AzuriteFixture>, IClassFixture<TrainedModels>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.ModelsContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(StorageNames.CurrentModelPointerBlob).DeleteIfExistsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Psi_TenPerDecile_IsZero()
    {
        // Scores 0..99 once each: exactly 10 % in every decile, the training distribution.
        Assert.Equal(0, DriftGate.Psi([.. Enumerable.Range(0, 100)]), 12);
    }

    [Theory]
    // All in one decile: (1 − 0.1)·ln(1/0.1) + 9·(0.0001 − 0.1)·ln(0.0001/0.1) = 2.0723266 + 6.2107628 = 8.2830894 (floor 0.0001).
    [InlineData(95, 8.2830894)]
    // A score of 100 belongs to the top decile (90–100), so the same figure.
    [InlineData(100, 8.2830894)]
    public void Psi_EveryScoreInOneDecile_UsesTheFloor(int score, double expected)
    {
        Assert.Equal(expected, DriftGate.Psi([.. Enumerable.Repeat(score, 50)]), 6);
    }

    [Fact]
    public void Psi_HalfTheDecilesDoubled_MatchesTheFormula()
    {
        // Deciles 0–4 hold 20 % each, 5–9 none: 5·(0.2 − 0.1)·ln 2 + 5·(0.0001 − 0.1)·ln 0.001 = 0.3465736 + 3.4504238 = 3.7969974.
        int[] scores = [.. Enumerable.Range(0, 100).Select(i => i / 2)];
        Assert.Equal(3.7969974, DriftGate.Psi(scores), 6);
    }

    [Theory]
    [InlineData(0.10, 0.25, false, true, false)]
    [InlineData(0.25, 0.25, false, true, false)]
    [InlineData(0.26, 0.25, false, false, false)]
    [InlineData(0.26, 0.25, true, true, true)]
    public void Evaluate_AgainstTheLimit_AllowsRefusesOrForces(double psi, double maxPsi, bool force, bool allowed, bool forced)
    {
        var decision = DriftGate.Evaluate(psi, 120, maxPsi, force);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(forced, decision.Forced);
        Assert.Contains(psi.ToString("0.0000", CultureInfo.InvariantCulture), decision.Reason);
        Assert.Contains(maxPsi.ToString("0.00", CultureInfo.InvariantCulture), decision.Reason);
    }

    [Fact]
    public void Check_TheTrainingPopulation_StaysWithinTheLimit()
    {
        var model = LeadModel.Load(models.HonestModelPath);

        var check = DriftGate.Check(model, CsvTable.Read(models.HistoryPath), DriftGate.DefaultMaxPsi, force: false);

        Assert.True(check.Decision.Allowed, check.Decision.Reason);
        Assert.InRange(check.Psi, 0, 0.1);
        Assert.Equal(500, check.Leads);
    }

    [Fact]
    public async Task Publish_RecentLeadsFromAnotherPopulation_RefusedWithThePsiUnlessForced()
    {
        using var temp = new TempDirectory();
        var shifted = ShiftedPopulation(temp.File("recent.csv"));

        var refused = await PublishAsync("--recent", shifted);
        var forced = await PublishAsync("--recent", shifted, "--force");

        Assert.True(refused.ExitCode == ExitCodes.Failed, refused.ToString());
        Assert.Matches(@"Drift gate refused: PSI \d+\.\d{4} of the score deciles of \d+ recent leads against the training distribution \(10 % per decile\) is above the limit of 0\.25; pass --force", refused.Error);
        Assert.True(forced.ExitCode == ExitCodes.Success, forced.ToString());
        Assert.Contains("Drift gate: forced: PSI", forced.Output);
        Assert.Equal(LeadModel.Load(models.HonestModelPath).ModelVersion, (await Registry.GetCurrentPointerAsync())?.Pointer.Version);
    }

    [Fact]
    public async Task Publish_RecentLeadsLikeTheTrainingOnes_PublishesAndPrintsThePsi()
    {
        var run = await PublishAsync("--recent", models.HistoryPath);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Matches(@"Drift gate: PSI 0\.0\d{3} of the score deciles of 500 recent leads .* within the limit of 0\.25\.", run.Output);
        Assert.NotNull(await Registry.GetCurrentPointerAsync());
    }

    [Fact]
    public async Task Publish_StricterLimit_RefusesTheSameLeads()
    {
        var run = await PublishAsync("--recent", models.HistoryPath, "--max-psi", "0");

        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.Contains("is above the limit of 0.00", run.Error);
        Assert.Null(await Registry.GetCurrentPointerAsync());
    }

    private ModelRegistry Registry => new(azurite.CreateBlobServiceClient(), TimeProvider.System);

    // Only the history's "Direct" leads (its weakest source, effect −0.8): most score in the lower deciles.
    private string ShiftedPopulation(string path)
    {
        var lines = File.ReadAllLines(models.HistoryPath);
        File.WriteAllLines(path, [lines[0], .. lines.Skip(1).Where(l => l.Contains(",Direct,", StringComparison.Ordinal))]);
        return path;
    }

    private Task<CliResult> PublishAsync(params string[] extra) =>
        Cli.RunAsync(["publish", "--model", models.HonestModelPath, "--connection", azurite.ConnectionString, .. extra]);
}
