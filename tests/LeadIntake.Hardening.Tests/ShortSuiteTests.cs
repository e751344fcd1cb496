using LeadIntake.Hardening;
using Xunit.Abstractions;

namespace LeadIntake.Hardening.Tests;

/// <summary>Each scenario of the hardening suite, short: the table goes to the test output, a broken promise fails the test.</summary>
/// <remarks>The scenarios start their own Azurite and host on free ports, one at a time (they measure, so they do not share the cores).</remarks>
[Collection(nameof(ShortSuiteTests))]
public sealed class ShortSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public Task Crash_Short_KeepsEveryPromise() => RunAsync("crash");

    private async Task RunAsync(string scenario)
    {
        var report = await Scenarios.Named(scenario)(Budget.Short);

        output.WriteLine(ScenarioReport.Table([report]));
        Assert.True(report.Broken.Count == 0, string.Join(Environment.NewLine, report.Broken));
    }
}
