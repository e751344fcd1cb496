namespace LeadIntake.Training.Tests;

/// <summary>The exit code and the two output streams of one CLI run.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
