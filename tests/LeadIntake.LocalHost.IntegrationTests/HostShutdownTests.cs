namespace LeadIntake.LocalHost.IntegrationTests;

/// <summary>Ctrl-C / SIGTERM: the host drains, terminates the worker and exits 0.</summary>
public sealed class HostShutdownTests
{
    [Fact]
    public async Task Host_Sigterm_ExitsZeroWithinGracePeriod()
    {
        await using var fixture = new TestWorkerHost();
        await fixture.InitializeAsync();
        var worker = fixture.Host.WorkerProcessId;

        var exitCode = await fixture.Host.StopAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Unhandled exception", fixture.Host.Output);
        Assert.DoesNotContain("did not exit", fixture.Host.Output);
        Assert.True(HasExited(worker), $"Worker {worker} is still running.");
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
