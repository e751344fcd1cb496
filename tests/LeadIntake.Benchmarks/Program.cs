using LeadIntake.Benchmarks;

// dotnet run -c Release --project tests/LeadIntake.Benchmarks -- model|sla|kpis (capture load is in tests/LeadIntake.Hardening)
return args.FirstOrDefault() switch
{
    "model" => ModelBenchmark.Run(args[1..]),
    "sla" => await SlaBenchmark.RunAsync(args[1..]),
    "kpis" => await KpiBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/LeadIntake.Benchmarks -- model | sla [--leads N] [--due N] | kpis [--leads N] [--repeat N] [--seed N]");
    return 2;
}
