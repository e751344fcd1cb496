using System.CommandLine;
using System.Globalization;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;

namespace LeadIntake.Training;

/// <summary><c>train</c>: fits a model on a history CSV and writes <c>model.json</c>, <c>report.html</c> and <c>metrics.json</c>.</summary>
public static class TrainCommand
{
    /// <summary>The <c>train</c> verb with its options.</summary>
    public static Command Create(TimeProvider timeProvider)
    {
        var history = new Option<FileInfo>("--history") { HelpName = "FILE", Description = "CSV export of old leads with an outcome column.", Required = true };
        var label = new Option<string>("--label") { HelpName = "COL", Description = "Name of the outcome column.", Required = true };
        var positive = new Option<string?>("--positive") { HelpName = "VALUE", Description = "Label value meaning converted (default: 1, yes, true, won, converted)." };
        var exclude = ColumnOption("--exclude", "Columns never used as features (repeatable, comma-separated).");
        var include = ColumnOption("--include", "Only these columns are candidate features (repeatable, comma-separated).");
        var missing = new Option<string[]>("--missing")
        {
            HelpName = "VALUE",
            Description = "Extra cell value meaning missing, e.g. Select (repeatable).",
            Arity = ArgumentArity.OneOrMore,
        };
        var dropLeaky = new Option<bool>("--drop-leaky") { Description = "Drop the columns the leakage guard flags." };
        var seed = new Option<int>("--seed") { HelpName = "N", Description = "Seed for folds and splits.", DefaultValueFactory = _ => 42 };
        var minClass = new Option<int>("--min-class")
        {
            HelpName = "N",
            Description = "Minimum positive and negative examples required.",
            DefaultValueFactory = _ => 40,
        };
        var outDir = new Option<DirectoryInfo>("--out") { HelpName = "DIR", Description = "Directory for model.json, report.html and metrics.json.", Required = true };

        var command = new Command(
            "train",
            $"Train a lead-scoring model on a history of old leads. Set {SourceDateEpoch.EnvironmentVariable} for a byte-reproducible model.json.")
        {
            history, label, positive, exclude, include, missing, dropLeaky, seed, minClass, outDir,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = new TrainingOptions
            {
                Label = parseResult.GetRequiredValue(label),
                PositiveLabel = parseResult.GetValue(positive),
                Exclude = ColumnList.Split(parseResult.GetValue(exclude)),
                Include = ColumnList.Split(parseResult.GetValue(include)),
                MissingMarkers = parseResult.GetValue(missing) ?? [],
                DropLeaky = parseResult.GetValue(dropLeaky),
                Seed = parseResult.GetValue(seed),
                MinPositives = parseResult.GetValue(minClass),
                MinNegatives = parseResult.GetValue(minClass),
                TimeProvider = timeProvider,
            };
            return RunAsync(
                parseResult.GetRequiredValue(history), options, parseResult.GetRequiredValue(outDir),
                parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static Option<string[]> ColumnOption(string name, string description) =>
        new(name) { HelpName = "COLS", Description = description, Arity = ArgumentArity.OneOrMore };

    private static async Task<int> RunAsync(
        FileInfo history, TrainingOptions options, DirectoryInfo outDir, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (!history.Exists)
        {
            await error.WriteLineAsync($"History file not found: {history.FullName}");
            return ExitCodes.Failed;
        }

        TabularData data;
        try
        {
            options = options with { CreatedAt = SourceDateEpoch.Read() };
            await error.WriteLineAsync($"Reading {history.FullName}…");
            data = CsvTable.Read(history.FullName);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            await error.WriteLineAsync(e.Message);
            return ExitCodes.Failed;
        }

        await error.WriteLineAsync($"Read {data.RowCount} rows, {data.Columns.Count} columns.");
        if (data.IndexOf(options.Label) < 0)
        {
            await error.WriteLineAsync($"Label column '{options.Label}' not found. Columns: {string.Join(", ", data.Columns)}");
            return ExitCodes.Failed;
        }

        var unknownIncluded = options.Include.Where(column => data.IndexOf(column) < 0).ToArray();
        if (unknownIncluded.Length > 0)
        {
            await error.WriteLineAsync($"--include names columns the file does not have: {string.Join(", ", unknownIncluded)}. Columns: {string.Join(", ", data.Columns)}");
            return ExitCodes.Failed;
        }

        foreach (var column in options.Exclude.Where(column => data.IndexOf(column) < 0))
            await error.WriteLineAsync($"Warning: --exclude names '{column}', which the file does not have.");

        TrainingResult result;
        try
        {
            result = LeadModelTrainer.Train(data, options, new ConsoleProgress(error, options.TimeProvider));
        }
        catch (Exception e) when (e is InsufficientDataException or ArgumentException)
        {
            await error.WriteLineAsync(e.Message);
            return ExitCodes.Failed;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var written = await TrainingOutputs.WriteAsync(result, outDir.FullName, cancellationToken);
        TrainingSummary.Write(result, written, output);
        return ExitCodes.Success;
    }
}
