namespace LeadIntake.Training.Tests;

/// <summary>
/// Two models trained once per test class on the same generated history: one that keeps the planted leak (high AUC)
/// and one that drops it (honest, lower AUC), for the publish-gate tests.
/// </summary>
public sealed class TrainedModels : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    /// <summary>Model folder of the model that keeps the (suspicious, not perfect) leak column.</summary>
    public string LeakyModelPath => _temp.File("leaky");

    /// <summary>The history both models were trained from.</summary>
    public string HistoryPath => _temp.File("history.csv");

    /// <summary>Model folder of the model without the leak column.</summary>
    public string HonestModelPath => _temp.File("honest");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        LeadHistoryCsv.Write(_temp.File("history.csv"), rows: 500, seed: 51);
        foreach (var (folder, extra) in new[] { ("leaky", Array.Empty<string>()), ("honest", ["--drop-leaky"]) })
        {
            var run = await Cli.RunAsync(
                ["train", "--history", _temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--out", _temp.File(folder), .. extra]);
            if (run.ExitCode != ExitCodes.Success)
                throw new InvalidOperationException("Training the test models failed: " + run);
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
