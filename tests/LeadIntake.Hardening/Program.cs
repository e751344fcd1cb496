using LeadIntake.Hardening;

// dotnet run -c Release --project tests/LeadIntake.Hardening [-- --short] [scenario ...]
// Runs the named scenarios (all by default) one after another, prints one table, exits 1 when a promise broke.
var budget = args.Contains("--short") ? Budget.Short : Budget.Full;
var named = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var unknown = named.Except(Scenarios.All.Select(s => s.Name), StringComparer.OrdinalIgnoreCase).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown scenario(s): {string.Join(", ", unknown)}; the scenarios: {string.Join(", ", Scenarios.All.Select(s => s.Name))}");
    return 2;
}

var reports = new List<ScenarioReport>();
foreach (var (name, run) in Scenarios.All.Where(s => named.Count == 0 || named.Contains(s.Name)))
{
    Console.Error.WriteLine($"==> {name} ({budget.Name})");
    try
    {
        reports.Add(await run(budget));
    }
    catch (Exception e)
    {
        // A scenario that cannot finish is a broken promise of its own; the others still run and the table is printed.
        Console.Error.WriteLine(e);
        reports.Add(new ScenarioReport(name).Break($"the scenario stopped: {e.GetType().Name}: {e.Message}"));
    }
}

Console.WriteLine($"hardening suite, {budget.Name} run ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd})");
Console.WriteLine(ScenarioReport.Table(reports));
return reports.Any(r => r.Broken.Count > 0) ? 1 : 0;
