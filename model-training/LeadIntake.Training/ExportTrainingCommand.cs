using System.CommandLine;
using LeadIntake.Storage;
using LeadIntake.Storage.Training;

namespace LeadIntake.Training;

/// <summary><c>export-training</c>: the pipeline's own outcomes as a training history (see <see cref="TrainingExport"/>).</summary>
public static class ExportTrainingCommand
{
    /// <summary>Days of recent leads <c>--recent-out</c> writes unless <c>--recent-days</c> says otherwise.</summary>
    public const int DefaultRecentDays = 30;

    /// <summary>The <c>export-training</c> verb with its options.</summary>
    public static Command Create(TimeProvider timeProvider)
    {
        var outcome = new Option<string>("--outcome")
        {
            HelpName = string.Join('|', TrainingExport.OutcomeCodes.Keys),
            Description = "won-lost: won (1) vs lost (0); sql-disqualified: reached SQL (1) vs disqualified (0).",
            DefaultValueFactory = _ => "won-lost",
        };
        outcome.AcceptOnlyFromAmong([.. TrainingExport.OutcomeCodes.Keys]);
        var from = new Option<DateOnly?>("--from") { HelpName = "yyyy-MM-dd", Description = "Only leads first scored on or after this UTC day." };
        var to = new Option<DateOnly?>("--to") { HelpName = "yyyy-MM-dd", Description = "Only leads first scored on or before this UTC day." };
        var outFile = new Option<FileInfo>("--out") { HelpName = "FILE", Description = "The training CSV to write.", Required = true };
        var recentOut = new Option<FileInfo?>("--recent-out") { HelpName = "FILE", Description = "Also write the features of recently first-scored leads (unlabelled), for publish --recent." };
        var recentDays = new Option<int>("--recent-days") { HelpName = "N", Description = "What --recent-out counts as recent.", DefaultValueFactory = _ => DefaultRecentDays };
        recentDays.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--recent-days must be at least 1."); });
        var connection = new Option<string?>("--connection")
        {
            HelpName = "CONNSTR",
            Description = $"Storage connection string (default: the {StorageNames.Connection} settings of the environment, as the function app reads them, else {StorageConnection.DevelopmentStorage}).",
        };
        var command = new Command("export-training", "Export leads that reached an outcome, with their features as first scored (ScoreSnapshots), as a training CSV.")
        {
            outcome, from, to, outFile, recentOut, recentDays, connection,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            TrainingExport.OutcomeCodes[parse.GetRequiredValue(outcome)], parse.GetValue(from), parse.GetValue(to), parse.GetRequiredValue(outFile),
            parse.GetValue(recentOut), parse.GetValue(recentDays), parse.GetValue(connection), timeProvider, parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ExportOutcome outcome, DateOnly? from, DateOnly? to, FileInfo outFile, FileInfo? recentOut, int recentDays, string? connectionString,
        TimeProvider timeProvider, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        ClosedLoopHistory history;
        try
        {
            history = new ClosedLoopHistory(StorageConnection.Resolve(connectionString).CreateTableServiceClient());
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            await console.Error.WriteLineAsync($"Invalid storage settings: {e.Message}");
            return ExitCodes.Failed;
        }

        ExportSummary summary;
        try
        {
            summary = await TrainingExport.ExportAsync(
                history, outcome, from, to, outFile.FullName, recentOut?.FullName, timeProvider.GetUtcNow() - TimeSpan.FromDays(recentDays), cancellationToken);
        }
        catch (Exception e) when (StorageFailure.Of(e) is { } failure)
        {
            await console.Error.WriteLineAsync(failure.Status == 0
                ? $"Cannot reach table storage: {failure.Message}"
                : $"Table storage refused the request ({failure.Status} {failure.ErrorCode}): {failure.Message}");
            return ExitCodes.Failed;
        }
        catch (FormatException e)
        {
            await console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failed;
        }

        await console.Output.WriteLineAsync(summary.ToString());
        return ExitCodes.Success;
    }
}
