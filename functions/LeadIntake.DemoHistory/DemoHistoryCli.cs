using System.CommandLine;
using Azure;
using LeadIntake.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.DemoHistory;

/// <summary>The command line: <c>[--leads N] [--seed N] [--months N] [--connection CONNSTR]</c>.</summary>
/// <remarks>Exit codes: 0 written, 1 storage failed, 2 bad command line. Storage as the training CLI's <c>publish</c> finds it (<see cref="StorageConnection"/>).</remarks>
public static class DemoHistoryCli
{
    /// <summary>Parses <paramref name="args"/> and writes the history.</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var leads = new Option<int>("--leads") { HelpName = "N", Description = "Leads to capture.", DefaultValueFactory = _ => DemoHistoryOptions.DefaultLeads };
        var seed = new Option<int>("--seed") { HelpName = "N", Description = "Seed of every random choice.", DefaultValueFactory = _ => 1 };
        var months = new Option<int>("--months") { HelpName = "N", Description = "Months of history, ending now.", DefaultValueFactory = _ => 6 };
        leads.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--leads must be at least 1."); });
        months.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 36) r.AddError("--months must be between 1 and 36."); });
        var connection = new Option<string?>("--connection")
        {
            HelpName = "CONNSTR",
            Description = $"Storage connection string (default: the {StorageNames.Connection} settings of the environment, else {StorageConnection.DevelopmentStorage}).",
        };
        var root = new RootCommand("Fill storage with a seeded demo history, written through the application's use cases on a shifted clock.")
        {
            leads, seed, months, connection,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DemoHistoryOptions { Leads = parse.GetValue(leads), Seed = parse.GetValue(seed), Months = parse.GetValue(months) };
            var clock = new DemoClock(TimeProvider.System.GetUtcNow());
            try
            {
                await using var services = new ServiceCollection()
                    .AddDemoHistory(StorageConnection.Configuration(parse.GetValue(connection)), clock)
                    .BuildServiceProvider();
                await output.WriteLineAsync($"Writing a demo history of {options.Leads} leads over {options.Months} months (seed {options.Seed})…");
                var result = await DemoHistory.WriteAsync(services, options, output, cancellationToken);
                await output.WriteLineAsync(result.ToString());
                return 0;
            }
            catch (Exception e) when (e is RequestFailedException or InvalidOperationException or FormatException)
            {
                await error.WriteLineAsync($"Demo history failed: {e.Message}");
                return 1;
            }
        });
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
                await error.WriteLineAsync(parseError.Message);
            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
