using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Capture;
using LeadIntake.Application.Kpis;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sales;
using LeadIntake.Application.Sla;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Policy;
using LeadIntake.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.DemoHistory;

/// <summary>Writes a seeded, realistic history into storage through the application's use cases: the demo and the test fixtures.</summary>
/// <remarks>
/// <para>The clock (<see cref="DemoClock"/>) walks from <see cref="DemoHistoryOptions.Months"/> months before the end to the end
/// in steps of <see cref="DemoHistoryOptions.Step"/>. In each step the leads with something due run in parallel, each step of a lead at
/// its own time: form submissions through <see cref="CaptureLead"/> (processed at once by <see cref="ProcessLead"/>), behaviour
/// events through <see cref="AcceptActivities"/> and <see cref="ProcessActivity"/>, and, once a lead is handed over, sales events
/// through <see cref="RecordSalesEvent"/> (accepted or rejected, contact attempts inside or outside the SLA, qualified,
/// opportunities, won with amounts, lost and disqualified with reasons). After each step the SLA clock (<see cref="SlaCheck"/>) runs:
/// it ends nurture periods, records breaches, closes follow-ups and recycles lost deals. Then the month's marketing spend is written
/// through <see cref="IMarketingSpendStore"/>, and the funnel KPIs of the whole range are rebuilt (<see cref="RebuildFunnel"/>).</para>
/// <para>Outcomes are drawn from each lead's <see cref="DemoLead.Quality"/>, built from what the scorer sees, so a model trained on
/// them can beat the points model. The services come from <see cref="DemoServiceCollectionExtensions.AddDemoHistory"/>.</para>
/// </remarks>
public static class DemoHistory
{
    /// <summary>The key of the demo's lead ids (the demo's leads are made up, so they need not share the app's secret).</summary>
    public const string IdentitySecret = "leadintake-demo-history-identity-secret-v1";

    // How far ahead of the SLA clock leads run in one parallel batch.
    private static readonly TimeSpan Lookahead = TimeSpan.FromDays(7);

    /// <summary>
    /// The demo's qualification policy (<c>demo-policy.json</c>, version <c>policy-demo-1</c>): the built-in one with four sales
    /// owners routed evenly and monthly goals, so the dashboard has owners and goals to show. <see cref="WriteAsync"/> publishes it
    /// as the <c>config/qualification-policy.json</c> blob, so the function app qualifies new leads by the same agreement.
    /// </summary>
    public static QualificationPolicy Policy { get; } = QualificationPolicy.Parse(PolicyJson);

    private static string PolicyJson
    {
        get
        {
            using var stream = typeof(DemoHistory).Assembly.GetManifestResourceStream("LeadIntake.DemoHistory.demo-policy.json")
                ?? throw new InvalidOperationException("The demo policy is not embedded.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The user agent its submissions carry.</summary>
    public const string UserAgent = "LeadIntake.DemoHistory";

    /// <summary>Writes the history <paramref name="options"/> describe with the services of <paramref name="services"/>.</summary>
    /// <param name="services">Built with <see cref="DemoServiceCollectionExtensions.AddDemoHistory"/>.</param>
    /// <param name="options">How many leads, months, which seed.</param>
    /// <param name="log">Progress, a line a month; null for none.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public static async Task<DemoHistoryResult> WriteAsync(
        IServiceProvider services, DemoHistoryOptions options, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var elapsed = Stopwatch.StartNew();
        var clock = services.GetRequiredService<DemoClock>();
        var endAt = options.EndAt ?? TimeProvider.System.GetUtcNow();
        endAt = new DateTimeOffset(endAt.UtcTicks - endAt.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        var startAt = endAt.AddMonths(-options.Months);
        await CreateStorageAsync(services, cancellationToken);
        await services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.ConfigContainer)
            .GetBlobClient(StorageNames.QualificationPolicyBlob).UploadAsync(BinaryData.FromString(PolicyJson), overwrite: true, cancellationToken);

        var leads = DemoPopulation.Draw(options, startAt, endAt);
        var world = new DemoWorld(
            options, startAt, endAt, clock, services.GetRequiredService<LeadIdentity>(), services.GetRequiredService<CaptureLead>(),
            services.GetRequiredService<AcceptActivities>(), services.GetRequiredService<RecordSalesEvent>(), services.GetRequiredService<CommittedLeads>());
        var agents = leads.Select(lead => new DemoLeadAgent(lead, world)).ToList();
        var slaCheck = services.GetRequiredService<SlaCheck>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };
        var breaches = 0;
        var slaRuns = 0;
        var horizon = startAt;
        for (var at = startAt + options.Step; at <= endAt; at += options.Step)
        {
            if (at > horizon)
            {
                // Once a week every lead runs a week ahead, each only up to its next deadline.
                horizon = at + Lookahead < endAt ? at + Lookahead : endAt;
                await Parallel.ForEachAsync(agents.Where(a => a.NextAt < horizon), parallel, (agent, ct) => new ValueTask(agent.RunUntilAsync(horizon, ct)));
                if (log is not null && at.Month != (at - Lookahead).Month)
                    await log.WriteLineAsync($"  {at:yyyy-MM-dd}: {world[DemoCounter.Submissions]} submissions, {world[DemoCounter.SalesEvents]} sales events so far ({elapsed.Elapsed.TotalSeconds:0}s)");
            }

            // The SLA clock's run at this step, when some lead has a deadline due by now (a run with none due does nothing).
            var waiting = agents.Where(a => a.NextDeadline <= at).ToList();
            if (waiting.Count == 0)
                continue;
            clock.SetUtcNow(at);
            breaches += (await slaCheck.RunAsync(cancellationToken)).Breaches;
            slaRuns++;
            await Parallel.ForEachAsync(waiting, parallel, (agent, ct) =>
            {
                agent.Refresh();
                return new ValueTask(agent.RunUntilAsync(horizon, ct));
            });
        }

        var spend = DemoSpend.For(leads, options.Seed);
        await services.GetRequiredService<IMarketingSpendStore>().UpsertAsync(spend, cancellationToken);
        await services.GetRequiredService<RebuildFunnel>().RebuildDaysAsync(
            DateOnly.FromDateTime(startAt.UtcDateTime), DateOnly.FromDateTime(endAt.UtcDateTime), cancellationToken);
        return new DemoHistoryResult(
            startAt, endAt, leads.Count, world[DemoCounter.Submissions], world[DemoCounter.BehaviourEvents], world[DemoCounter.SalesEvents],
            world[DemoCounter.SalesEventsRefused], world[DemoCounter.Won], world[DemoCounter.Lost], slaRuns, breaches,
            spend.Count, elapsed.Elapsed);
    }

    /// <summary>Creates the app's tables, queues and blob containers if they do not exist yet (what the function app does at start-up).</summary>
    public static async Task CreateStorageAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await StorageProvisioning.CreateAllAsync(
            services.GetRequiredService<TableServiceClient>(), services.GetRequiredService<QueueServiceClient>(), services.GetRequiredService<BlobServiceClient>(),
            cancellationToken);
    }
}

/// <summary>What <see cref="DemoHistory.WriteAsync"/> wrote.</summary>
/// <param name="StartAt">The history's first moment (UTC, whole hour).</param>
/// <param name="EndAt">Its end: the clock's last "now".</param>
/// <param name="Leads">Leads captured.</param>
/// <param name="Submissions">Form submissions (first and returning).</param>
/// <param name="BehaviourEvents">Behaviour events posted.</param>
/// <param name="SalesEvents">Sales events applied.</param>
/// <param name="SalesEventsRefused">Sales events the funnel refused because the SLA clock had moved the lead meanwhile.</param>
/// <param name="Won">Deals won.</param>
/// <param name="Lost">Deals lost.</param>
/// <param name="SlaRuns">Runs of the SLA clock.</param>
/// <param name="Breaches">SLA breaches it recorded.</param>
/// <param name="SpendRows">Marketing spend rows written.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record DemoHistoryResult(
    DateTimeOffset StartAt, DateTimeOffset EndAt, int Leads, int Submissions, int BehaviourEvents, int SalesEvents, int SalesEventsRefused,
    int Won, int Lost, int SlaRuns, int Breaches, int SpendRows, TimeSpan Elapsed)
{
    /// <summary>A summary for the console.</summary>
    public override string ToString() =>
        $"Demo history {StartAt:yyyy-MM-dd HH:mm}Z – {EndAt:yyyy-MM-dd HH:mm}Z: {Leads} leads, {Submissions} submissions, {BehaviourEvents} behaviour events, " +
        $"{SalesEvents} sales events ({Won} won, {Lost} lost; {SalesEventsRefused} refused after the SLA clock moved the lead), {SlaRuns} SLA clock runs " +
        $"({Breaches} breaches), {SpendRows} spend rows, in {Elapsed.TotalSeconds:0.0}s";
}
