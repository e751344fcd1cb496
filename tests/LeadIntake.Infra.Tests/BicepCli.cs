using System.Diagnostics;
using System.Reflection;
using System.Runtime.Versioning;

// The Bicep package referenced is the linux-x64 one, and deploy.sh is a bash script: these tests run on Linux.
[assembly: SupportedOSPlatform("linux")]

namespace LeadIntake.Infra.Tests;

/// <summary>The Bicep CLI from the <c>Azure.Bicep.CommandLine.linux-x64</c> package, run as a process.</summary>
/// <remarks>The package folder is written into this assembly at build time (<c>GeneratePathProperty</c>); the binary is
/// <c>tools/bicep</c> in it, made executable here because NuGet extracts it without the execute bit.</remarks>
public static class BicepCli
{
    private static readonly Lazy<string> Binary = new(Locate);

    /// <summary>Runs <c>bicep</c> with the arguments and returns its exit code and both output streams.</summary>
    public static CommandResult Run(params string[] arguments) => CommandResult.Run(Binary.Value, arguments);

    /// <summary>Runs <c>bicep</c> with environment variables set (what <c>main.bicepparam</c> reads).</summary>
    public static CommandResult RunWith(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        CommandResult.Run(Binary.Value, arguments, environment);

    private static string Locate()
    {
        var folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPackageFolder").Value;
        var binary = Path.Combine(folder ?? "", "tools", "bicep");
        if (!File.Exists(binary))
            throw new FileNotFoundException($"No bicep binary at {binary}: restore tests/LeadIntake.Infra.Tests.", binary);
        File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
        return binary;
    }
}

/// <summary>The exit code and output of a finished process.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Everything written to standard output.</param>
/// <param name="Error">Everything written to standard error (where Bicep writes its diagnostics).</param>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs a program to its end, in the repository root.</summary>
    /// <exception cref="TimeoutException">It ran longer than 3 minutes (and was killed).</exception>
    public static CommandResult Run(string program, params string[] arguments) =>
        Run(program, arguments, new Dictionary<string, string>());

    /// <summary>Runs a program to its end, in the repository root, with these environment variables and no other
    /// <c>LEADINTAKE_*</c> ones (so the parameter file's defaults are what a test sees).</summary>
    /// <exception cref="TimeoutException">It ran longer than 3 minutes (and was killed).</exception>
    public static CommandResult Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Testing.RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Offline: no telemetry, and no check for a newer Bicep version.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("LEADINTAKE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(inherited);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} ran longer than {Timeout}.");
        }

        return new CommandResult(process.ExitCode, output.Result, error.Result);
    }
}
