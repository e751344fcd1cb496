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
        var categorical = ColumnOption("--categorical", "Numeric-looking columns to read as categories: region codes, browser ids, 0/1 flags (repeatable, comma-separated).");
        var dropLeaky = new Option<bool>("--drop-leaky") { Description = "Drop the columns the leakage guard flags (training refuses a near-perfect leak otherwise)." };
        var keepLeaky = ColumnOption("--keep-leaky", "Keep these columns although alone they separate the outcome almost perfectly (repeatable).");
        var holdout = new Option<double>("--holdout") { HelpName = "SHARE", Description = "Share of rows held out before any choice (0 = none).", DefaultValueFactory = _ => 0.2 };
        holdout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (>= 0 and <= 0.5))
                result.AddError("--holdout must be between 0 and 0.5.");
        });
        var timeColumn = new Option<string?>("--time-column") { HelpName = "COL", Description = "Hold out the most recent rows by this date column instead of a stratified sample." };
        var leadsPerWeek = new Option<int>("--leads-per-week") { HelpName = "N", Description = "Leads arriving per week.", DefaultValueFactory = _ => 250 };
        var sqlCapacity = new Option<int>("--sql-capacity") { HelpName = "N", Description = "SQLs sales can take per week.", DefaultValueFactory = _ => 50 };
        var sqlPrecision = new Option<double>("--sql-precision") { HelpName = "SHARE", Description = "Share of SQLs that should convert.", DefaultValueFactory = _ => 0.7 };
        var mqlPrecision = new Option<double>("--mql-precision") { HelpName = "SHARE", Description = "Share of MQLs that should convert.", DefaultValueFactory = _ => 0.5 };
        var seed = new Option<int>("--seed") { HelpName = "N", Description = "Seed for folds and splits.", DefaultValueFactory = _ => 42 };
        var minClass = new Option<int>("--min-class")
        {
            HelpName = "N",
            Description = "Minimum positive and negative examples required.",
            DefaultValueFactory = _ => 40,
        };
        var outDir = new Option<DirectoryInfo>("--out") { HelpName = "DIR", Description = "Model folder: model.zip, model-card.json, metrics.json, report.html.", Required = true };

        var command = new Command(
            "train",
            $"Train a lead-scoring model on a history of old leads. Set {SourceDateEpoch.EnvironmentVariable} for a reproducible model-card.json.")
        {
            history, label, positive, exclude, include, categorical, missing, dropLeaky, keepLeaky, holdout, timeColumn,
            leadsPerWeek, sqlCapacity, sqlPrecision, mqlPrecision, seed, minClass, outDir,
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
                Categorical = ColumnList.Split(parseResult.GetValue(categorical)),
                DropLeaky = parseResult.GetValue(dropLeaky),
                KeepLeaky = ColumnList.Split(parseResult.GetValue(keepLeaky)),
                Holdout = parseResult.GetValue(holdout),
                TimeColumn = parseResult.GetValue(timeColumn),
                LeadsPerWeek = parseResult.GetValue(leadsPerWeek),
                SqlCapacity = parseResult.GetValue(sqlCapacity),
                SqlPrecision = parseResult.GetValue(sqlPrecision),
                MqlPrecision = parseResult.GetValue(mqlPrecision),
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
        catch (Exception e) when (e is InsufficientDataException or ArgumentException or LeakageRefusedException)
        {
            await error.WriteLineAsync(e.Message);
            return ExitCodes.Failed;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var written = result.WriteTo(outDir.FullName);
        TrainingSummary.Write(result, written, output);
        return ExitCodes.Success;
    }
}
