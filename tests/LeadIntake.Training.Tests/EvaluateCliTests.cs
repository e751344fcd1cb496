using System.Text.Json;

namespace LeadIntake.Training.Tests;

public sealed class EvaluateCliTests
{
    [Fact]
    public async Task Evaluate_TrainedModelOnFreshLeads_PrintsMetricsAndWritesJson()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 500, seed: 21);
        LeadHistoryCsv.Write(temp.File("fresh.csv"), rows: 300, seed: 22, separator: ';');
        var train = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--drop-leaky", "--out", temp.File("out"));
        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());

        var run = await Cli.RunAsync(
            "evaluate", "--model", temp.File("out"), "--data", temp.File("fresh.csv"), "--label", LeadHistoryCsv.Label,
            "--out", temp.File("eval/metrics.json"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Matches(@"AUC 0\.\d{4}\s+log loss \d\.\d{4}\s+Brier 0\.\d{4}", run.Output);
        Assert.Contains("rows 300", run.Output);
        using var metrics = JsonDocument.Parse(await File.ReadAllTextAsync(temp.File("eval/metrics.json")));
        Assert.Equal(300, metrics.RootElement.GetProperty("rows").GetInt32());
        // Fresh leads from the same generator: an honest model keeps most of its ranking power.
        Assert.InRange(metrics.RootElement.GetProperty("auc").GetDouble(), 0.6, 0.95);
        Assert.Equal(10, metrics.RootElement.GetProperty("lift").GetArrayLength());
    }

    [Fact]
    public async Task Evaluate_NotAModel_Exit1WithClearMessage()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("fresh.csv"), rows: 50, seed: 23);
        Directory.CreateDirectory(temp.File("model"));
        await File.WriteAllTextAsync(temp.File("model/model-card.json"), """{ "formatVersion": 99 }""");

        var run = await Cli.RunAsync(
            "evaluate", "--model", temp.File("model"), "--data", temp.File("fresh.csv"), "--label", LeadHistoryCsv.Label);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("formatVersion 99", run.Error);
    }
}
