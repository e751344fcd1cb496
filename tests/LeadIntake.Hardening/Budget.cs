namespace LeadIntake.Hardening;

/// <summary>How hard and how long the suite pushes: <see cref="Full"/> for the figures, <see cref="Short"/> for CI.</summary>
/// <param name="Name">"full" or "short", printed with the table.</param>
/// <param name="HostileRequests">Hostile requests sent across every category (the full run sends at least 10,000).</param>
/// <param name="Outage">How long storage is unreachable in the outage scenario.</param>
/// <param name="CrashLeads">Leads queued before the worker and then the host are killed.</param>
/// <param name="LoadTime">How long each concurrency level of the load scenario posts.</param>
/// <param name="LoadConcurrency">The numbers of concurrent clients the load scenario runs at.</param>
/// <param name="DrainBacklog">Leads queued for the drain-rate measurement.</param>
/// <param name="LatencySamples">Leads posted one at a time for the POST → StageHistory latency.</param>
public sealed record Budget(
    string Name,
    int HostileRequests,
    TimeSpan Outage,
    int CrashLeads,
    TimeSpan LoadTime,
    IReadOnlyList<int> LoadConcurrency,
    int DrainBacklog,
    int LatencySamples)
{
    /// <summary>The documented run: the figures in the README.</summary>
    public static Budget Full { get; } = new("full", 12_000, TimeSpan.FromSeconds(10), 1_000, TimeSpan.FromSeconds(20), [32, 64, 128], 3_000, 100);

    /// <summary>The run in <c>./test.sh</c>: every category and fault, fewer requests, shorter outage.</summary>
    public static Budget Short { get; } = new("short", 1_500, TimeSpan.FromSeconds(4), 150, TimeSpan.FromSeconds(3), [32, 64, 128], 300, 20);
}
