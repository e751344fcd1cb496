using System.Globalization;
using LeadIntake.DemoHistory;
using LeadIntake.Domain.Scoring;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;
using LeadIntake.Storage;
using LeadIntake.Storage.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadIntake.Training.Tests;

/// <summary>The closed loop end to end on Azurite: the demo history, <c>export-training</c>, <c>train --time-column</c>, <c>publish</c>.</summary>
/// <remarks>
/// The generator writes a seeded history through the use cases; the points model scored every lead as it came in. A model trained on
/// the exported outcomes must rank the time-based holdout better than the points model ranked the very same leads.
/// </remarks>
public sealed class ClosedLoopTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    // A fixed end, so the history (and the model trained on it) is the same on every run.
    private static readonly DateTimeOffset s_endAt = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DemoHistory_ExportTrainPublish_BeatsThePointsModelAndMovesCurrent()
    {
        using var temp = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(StorageNames.Connection, azurite.ConnectionString)]).Build();
        await using (var services = new ServiceCollection().AddDemoHistory(configuration, new DemoClock(s_endAt)).BuildServiceProvider())
        {
            var written = await DemoHistory.DemoHistory.WriteAsync(services, new DemoHistoryOptions { Leads = 900, Seed = 7, EndAt = s_endAt });
            Assert.True(written.Won > 0 && written.Lost > 0 && written.Breaches > 0, written.ToString());
            output.WriteLine(written.ToString());
        }

        var export = await Cli.RunAsync(
            ["export-training", "--out", temp.File("history.csv"), "--recent-out", temp.File("recent.csv"), "--connection", azurite.ConnectionString]);
        var train = await Cli.RunAsync(
            ["train", "--history", temp.File("history.csv"), "--label", "won", "--time-column", TrainingExport.TimeColumn, "--min-class", "20", "--out", temp.File("model")]);
        var publish = await Cli.RunAsync(["publish", "--model", temp.File("model"), "--connection", azurite.ConnectionString]);

        Assert.True(export.ExitCode == ExitCodes.Success, export.ToString());
        Assert.Matches(@"Exported \d+ rows \(\d+ with won = 1, \d+ with 0\), first scored 20\d\d-", export.Output);
        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        var model = LeadModel.Load(temp.File("model"));
        Assert.StartsWith("most recent by scored_at", model.Card.HoldoutSplit.Method, StringComparison.Ordinal);
        var (trainedAuc, pointsAuc, rows) = HoldoutAucs(temp.File("history.csv"), temp.File("model"), model);
        var figures = string.Create(CultureInfo.InvariantCulture, $"holdout AUC: trained {model.ModelVersion} {trainedAuc:0.000} vs points-v1 {pointsAuc:0.000} on {rows} leads");
        output.WriteLine(export.Output);
        output.WriteLine(figures);
        Assert.True(trainedAuc > pointsAuc + 0.05, $"{figures}; {export.Output}");
        Assert.True(publish.ExitCode == ExitCodes.Success, publish.ToString());
        var current = await new ModelRegistry(azurite.CreateBlobServiceClient(), TimeProvider.System).GetCurrentPointerAsync();
        Assert.Equal(model.ModelVersion, current?.Pointer.Version);
    }

    // The trained model's holdout AUC, and the points model's on the same rows: it scores each row's first-score features again
    // (the points model is deterministic, so these are the scores the leads got when they came in).
    private static (double Trained, double Points, int Rows) HoldoutAucs(string historyPath, string modelDirectory, LeadModel model)
    {
        var history = CsvTable.Read(historyPath);
        var holdout = Learning.HoldoutRows.Select(history, modelDirectory, model.Card)!;
        var label = holdout.IndexOf("won");
        var labels = holdout.Rows.Select(r => r[label] == "1").ToArray();
        var points = holdout.Rows.Select(r => (double)PointsScoringModel.Default.Score(Features(holdout, r)).Score).ToArray();
        return (model.Card.Holdout!.Auc, MannWhitneyAuc(points, labels), holdout.RowCount);
    }

    private static LeadFeatures Features(TabularData data, string?[] row) => LeadFeatures.FromValues(LeadFeatureNames.All.ToDictionary(
        name => name,
        name => row[data.IndexOf(name)] is { Length: > 0 } cell
            ? LeadFeatureNames.IsNumeric(name) ? double.Parse(cell, CultureInfo.InvariantCulture) : cell
            : LeadFeatureNames.IsNumeric(name) ? 0d : (object?)null));

    // P(score of a positive > score of a negative), ties counting ½.
    private static double MannWhitneyAuc(double[] scores, bool[] labels)
    {
        var positives = scores.Where((_, i) => labels[i]).ToArray();
        var negatives = scores.Where((_, i) => !labels[i]).ToArray();
        var wins = positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0));
        return wins / (positives.Length * (double)negatives.Length);
    }
}
