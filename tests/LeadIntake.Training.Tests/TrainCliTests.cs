using System.Text.Json;
using LeadIntake.Scoring;

namespace LeadIntake.Training.Tests;

public sealed class TrainCliTests
{
    [Fact]
    public async Task Train_MessyCommaCsvWithBom_WritesFilesAndNamesLeakAndIdColumn()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 500, seed: 1, separator: ',', withBom: true);

        var run = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--positive", "yes",
            "--missing", "Select", "--seed", "7", "--out", temp.File("out"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.True(File.Exists(temp.File("out/model.zip")));
        Assert.True(File.Exists(temp.File("out/model-card.json")));
        Assert.True(File.Exists(temp.File("out/report.html")));
        Assert.Contains($"Likely leak:    '{LeadHistoryCsv.LeakColumn}'", run.Output);
        Assert.Contains("KEPT", run.Output);
        Assert.Contains($"ID columns dropped: '{LeadHistoryCsv.IdColumn}'", run.Output);
        Assert.Matches(@"CV AUC:\s+0\.\d{4} ± 0\.\d{4} over \d+ folds", run.Output);
        Assert.Matches(@"Holdout AUC:\s+0\.\d{4}", run.Output);
        Assert.Matches(@"Fit time:\s+\d+\.\d{3} s", run.Output);
        Assert.Contains("Chosen model:", run.Output);
        Assert.Contains("Reading ", run.Error); // progress goes to stderr, not into the summary
        Assert.Matches(@"\[\s*\d+\.\d s\] \S.*: \d+/\d+", run.Error);

        var artifact = ModelCard.ReadFile(temp.File("out/model-card.json"));
        Assert.Equal("yes", artifact.PositiveLabel, ignoreCase: true);
        Assert.DoesNotContain(artifact.Features.Columns, column => column.Name == LeadHistoryCsv.IdColumn);
        Assert.Contains(artifact.Features.Columns, column => column.Name == LeadHistoryCsv.LeakColumn);
    }

    [Fact]
    public async Task Train_MetricsJson_HasHeadlineFiguresAndDecileTable()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 500, seed: 2);

        var run = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--out", temp.File("out"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var metrics = JsonDocument.Parse(await File.ReadAllTextAsync(temp.File("out/metrics.json")));
        var root = metrics.RootElement;
        Assert.InRange(root.GetProperty("auc").GetDouble(), 0.5, 1.0);
        Assert.InRange(root.GetProperty("logLoss").GetDouble(), 0.0, 1.0);
        Assert.InRange(root.GetProperty("brier").GetDouble(), 0.0, 0.25);
        Assert.Equal(100, root.GetProperty("rows").GetInt32()); // metrics.json is the holdout: 20 % of 500 rows
        var positives = root.GetProperty("positives").GetInt32();
        Assert.InRange(positives, 8, 92);
        var lift = root.GetProperty("lift").EnumerateArray().ToArray();
        Assert.Equal(10, lift.Length);
        Assert.Equal(Enumerable.Range(1, 10), lift.Select(decile => decile.GetProperty("decile").GetInt32()));
        Assert.Equal(100, lift.Sum(decile => decile.GetProperty("rows").GetInt32()));
        Assert.Equal(positives, lift.Sum(decile => decile.GetProperty("positives").GetInt32()));
    }

    [Fact]
    public async Task Train_SemicolonCsvWithDropLeaky_DropsTheLeakAndScoresLikeAnHonestModel()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 500, seed: 3, separator: ';', withBom: false);
        string[] common = ["train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--missing", "Select"];

        var kept = await Cli.RunAsync([.. common, "--out", temp.File("kept")]);
        var dropped = await Cli.RunAsync([.. common, "--drop-leaky", "--out", temp.File("dropped")]);

        Assert.True(dropped.ExitCode == ExitCodes.Success, dropped.ToString());
        Assert.Contains($"Likely leak:    '{LeadHistoryCsv.LeakColumn}'", dropped.Output);
        Assert.Contains("dropped", dropped.Output);
        var honest = ModelCard.ReadFile(temp.File("dropped/model-card.json"));
        var leaky = ModelCard.ReadFile(temp.File("kept/model-card.json"));
        Assert.DoesNotContain(honest.Features.Columns, column => column.Name == LeadHistoryCsv.LeakColumn);
        // The planted tag is right 97 % of the time; the honest features (source, visits, minutes) carry a weaker signal.
        Assert.InRange(leaky.Holdout!.Auc, 0.9, 1.0);
        Assert.InRange(honest.Holdout!.Auc, 0.6, 0.9);
    }

    [Fact]
    public async Task Train_TooFewExamples_RefusesWithExit1AndNoFiles()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 60, seed: 4);

        var run = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--out", temp.File("out"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("Not enough history", run.Error);
        Assert.False(File.Exists(temp.File("out/model.zip")));
    }

    [Fact]
    public async Task Train_MinClassLowered_TrainsOnSmallHistory()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 120, seed: 5);

        var run = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--min-class", "10", "--out", temp.File("out"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
    }

    [Fact]
    public async Task Train_UnknownLabelColumn_Exit1NamingTheColumns()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 100, seed: 6);

        var run = await Cli.RunAsync("train", "--history", temp.File("history.csv"), "--label", "Outcome", "--out", temp.File("out"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("'Outcome' not found", run.Error);
        Assert.Contains(LeadHistoryCsv.Label, run.Error);
    }

    [Fact]
    public async Task Train_IncludeUnknownColumn_Exit1NamingIt()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 100, seed: 7);

        var run = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--include", "Visits,Sorce", "--out", temp.File("out"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("does not have: Sorce.", run.Error);
    }

    [Fact]
    public async Task Train_IncludeAndExclude_LimitTheFeatures()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 300, seed: 9);

        var run = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--min-class", "20",
            "--include", "Source,Visits", "--include", "Country", "--exclude", "Country", "--out", temp.File("out"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var artifact = ModelCard.ReadFile(temp.File("out/model-card.json"));
        Assert.Equal(["Source", "Visits"], artifact.Features.Columns.Select(column => column.Name).Order());
    }

    [Fact]
    public async Task Train_TimeColumn_HoldsOutTheMostRecentLeadsAndTheCardSaysSo()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File("history.csv"), IntakeHistory.Csv(rows: 500, seed: 12));
        // The 100 most recent leads (20 % of 500) and their conversions, counted here from the file's own dates.
        var history = LeadIntake.Learning.Data.CsvTable.Read(temp.File("history.csv"));
        var (time, label) = (history.IndexOf(IntakeHistory.TimeColumn), history.IndexOf(IntakeHistory.Label));
        var recent = history.Rows.Select((row, index) => (row, index))
            .OrderByDescending(p => DateTimeOffset.Parse(p.row[time]!, System.Globalization.CultureInfo.InvariantCulture)).ThenByDescending(p => p.index)
            .Take(100).Select(p => p.row).ToArray();

        var run = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", IntakeHistory.Label, "--time-column", IntakeHistory.TimeColumn,
            "--out", temp.File("out"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var card = ModelCard.ReadFile(temp.File("out/model-card.json"));
        Assert.Equal(new HoldoutSplit($"most recent by {IntakeHistory.TimeColumn}", 0.2, 400, 100), card.HoldoutSplit);
        Assert.Equal(recent.Count(row => row[label] == "1"), card.Holdout!.Positives);
        Assert.Contains(new ExcludedColumn(IntakeHistory.TimeColumn, "the holdout's time column"), card.Features.Excluded);
        Assert.Contains($"on 100 held-out leads (most recent by {IntakeHistory.TimeColumn})", run.Output);
    }

    [Fact]
    public async Task Train_UnknownTimeColumn_Exit1NamingIt()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File("history.csv"), IntakeHistory.Csv(rows: 200, seed: 13));

        var run = await Cli.RunAsync(
            "train", "--history", temp.File("history.csv"), "--label", IntakeHistory.Label, "--time-column", "signup", "--out", temp.File("out"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("The time column 'signup' is not in the data.", run.Error);
        Assert.False(File.Exists(temp.File("out/model.zip")));
    }

    [Fact]
    public async Task Train_MissingHistoryFile_Exit1()
    {
        using var temp = new TempDirectory();

        var run = await Cli.RunAsync("train", "--history", temp.File("none.csv"), "--label", "Converted", "--out", temp.File("out"));

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("not found", run.Error);
    }

    [Theory]
    [InlineData("")] // no verb
    [InlineData("fit")] // unknown verb
    [InlineData("train --label Converted --out x")] // --history missing
    [InlineData("train --history h.csv --label Converted --out x --seed many")]
    [InlineData("publish --model m --max-auc-drop 2")]
    public async Task Invoke_BadCommandLine_Exit2WithMessage(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var run = await Cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--help", run.Error);
    }

    [Fact]
    public async Task Invoke_Help_Exit0ListingTheVerbs()
    {
        var run = await Cli.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("train", run.Output);
        Assert.Contains("evaluate", run.Output);
        Assert.Contains("publish", run.Output);
    }

    [Fact]
    public async Task Train_SameDataAndSeedAsProcess_ByteIdenticalModel()
    {
        using var temp = new TempDirectory();
        LeadHistoryCsv.Write(temp.File("history.csv"), rows: 400, seed: 8);
        var environment = new Dictionary<string, string> { [SourceDateEpoch.EnvironmentVariable] = "1795000000" };

        var first = await Cli.RunProcessAsync(
            environment, "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--seed", "11", "--out", temp.File("a"));
        var second = await Cli.RunProcessAsync(
            environment, "train", "--history", temp.File("history.csv"), "--label", LeadHistoryCsv.Label, "--seed", "11", "--out", temp.File("b"));

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(temp.File("a/model-card.json")), await File.ReadAllBytesAsync(temp.File("b/model-card.json")));
        Assert.Equal(
            DateTimeOffset.FromUnixTimeSeconds(1795000000),
            ModelCard.ReadFile(temp.File("a/model-card.json")).CreatedAt);
    }
}
