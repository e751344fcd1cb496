using System.CommandLine;

namespace LeadIntake.Training;

/// <summary>The <c>train | evaluate | publish | export-training</c> command line, runnable in-process with any output writers.</summary>
/// <remarks>
/// Exit codes are <see cref="ExitCodes"/>: a command line that does not parse is a usage error (2), reported on
/// <c>error</c> with the parser's own message; help (<c>--help</c>) is a success.
/// </remarks>
public static class TrainingCli
{
    /// <summary>The root command with its four verbs.</summary>
    public static RootCommand CreateRootCommand(TimeProvider timeProvider) =>
        new("Train, evaluate and publish LeadIntake lead-scoring models.")
        {
            TrainCommand.Create(timeProvider),
            EvaluateCommand.Create(),
            PublishCommand.Create(timeProvider),
            ExportTrainingCommand.Create(timeProvider),
        };

    /// <summary>Parses <paramref name="args"/> and runs the chosen verb, writing to the given writers.</summary>
    /// <returns>The process exit code.</returns>
    public static async Task<int> InvokeAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var parseResult = CreateRootCommand(timeProvider ?? TimeProvider.System).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
                await error.WriteLineAsync(parseError.Message);
            await error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
