namespace LeadIntake.Infra.Tests;

/// <summary><c>infra/deploy.sh</c> cannot run here (no Azure); it must at least parse, and pass shellcheck where installed.</summary>
public sealed class DeployScriptTests
{
    private static readonly string Script = CompiledTemplate.InfraPath("deploy.sh");

    [Fact]
    public void DeployScript_BashNoExecAndShellcheck_FindNothing()
    {
        var check = CommandResult.Run("bash", "-n", Script);
        Assert.Equal("", check.Error);
        Assert.Equal(0, check.ExitCode);

        // shellcheck too, where it is installed (it is not on the build machine; nothing installs it).
        var shellcheck = Environment.GetEnvironmentVariable("PATH")!.Split(':')
            .Select(d => Path.Combine(d, "shellcheck")).FirstOrDefault(File.Exists);
        if (shellcheck is not null)
        {
            var lint = CommandResult.Run(shellcheck, Script);
            Assert.Equal("", lint.Output);
            Assert.Equal(0, lint.ExitCode);
        }
    }

    [Fact]
    public void DeployScript_File_IsExecutableAndStrict()
    {
        Assert.True(File.GetUnixFileMode(Script).HasFlag(UnixFileMode.UserExecute));
        Assert.Contains("\nset -euo pipefail\n", File.ReadAllText(Script));
    }

    [Fact]
    public void DeployScript_Usage_ExitsWithUsageWhenGroupOrLocationIsMissing()
    {
        // Runs only the argument check: it exits before looking for az.
        var run = CommandResult.Run("bash", Script, "-l", "westeurope");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("usage: infra/deploy.sh -g RESOURCE_GROUP -l LOCATION", run.Error);
    }
}
