using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using LeadIntake.Application.Kpis;
using LeadIntake.Application.Policy;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using LeadIntake.Domain.Policy;
using LeadIntake.Storage;
using LeadIntake.Storage.Kpis;
using LeadIntake.Storage.Leads;
using LeadIntake.Testing;
using static LeadIntake.Domain.Funnel.FunnelStage;

namespace LeadIntake.Benchmarks;

/// <summary>
/// The funnel KPIs on a generated year: how long rebuilding the aggregates takes (all days, and one day), and how fast the
/// KPI API's query (<see cref="QueryKpis"/>) answers for 12 months from the aggregate tables alone.
/// </summary>
/// <remarks>
/// Runs a private in-memory Azurite and writes a seeded year (2026) of <c>--leads</c> leads (default 100,000) straight
/// into <c>StageChangesByDay</c> and <c>SalesCycles</c> (<see cref="FunnelSourceRows"/>, one transaction per 100 rows of a
/// day, partitions in parallel): seven channels with their campaigns, five forms, twelve owners, realistic stage rates
/// and durations (about a quarter of leads become MQLs, 60 % of accepted ones SQLs, a third of opportunities are won),
/// SLA hits and misses, a points model until June and a trained one after. Then rebuilds every day with the real
/// <see cref="RebuildFunnel"/>, rebuilds one day again on its own, and times <c>--repeat</c> calls (default 20, after two
/// warm-ups) of each query. Prints; asserts nothing.
/// </remarks>
public static class KpiBenchmark
{
    private const int Concurrency = 32;

    private static readonly DateOnly s_first = new(2026, 1, 1);
    private static readonly DateOnly s_last = new(2026, 12, 31);
    private static readonly DateTimeOffset s_now = new(2026, 12, 31, 23, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_trainedFrom = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // Channel, share of leads, campaigns (none for organic, direct and referral), and how much better than average its leads convert.
    private static readonly (string Channel, double Share, string[] Campaigns, double Quality)[] s_channels =
    [
        ("paid_search", 0.30, ["brand", "generic", "competitor", "retarget", "spring-promo"], 1.0),
        ("organic", 0.25, [], 1.1),
        ("paid_social", 0.15, ["linkedin-abm", "linkedin-webinar", "meta-lookalike", "meta-retarget"], 0.7),
        ("email", 0.10, ["newsletter", "nurture-track", "product-launch"], 1.2),
        ("referral", 0.08, [], 1.6),
        ("direct", 0.07, [], 1.3),
        ("display", 0.05, ["programmatic", "partner-sites"], 0.5),
    ];

    private static readonly string[] s_forms = ["demo", "contact", "whitepaper", "webinar", "pricing"];
    private static readonly string[] s_owners = [.. Enumerable.Range(1, 12).Select(i => $"rep{i:D2}@example.com")];

    /// <summary>Runs the benchmark: <c>--leads N</c> (default 100,000), <c>--repeat N</c> timed calls per query (default 20), <c>--seed N</c> (default 11).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var leadCount = Option(args, "--leads", 100_000);
        var repeat = Option(args, "--repeat", 20);
        var random = new Random(Option(args, "--seed", 11));

        var generateClock = Stopwatch.StartNew();
        var moves = new List<FunnelMove>();
        var cycles = new List<SalesCycle>();
        for (var i = 0; i < leadCount; i++)
            Generate($"lead{i:D6}", random, moves, cycles);
        moves.RemoveAll(m => m.At > s_now);
        cycles.RemoveAll(c => c.HandedOffAt > s_now);
        var generateSeconds = generateClock.Elapsed.TotalSeconds;

        await using var azurite = new AzuriteDisposable();
        await azurite.Fixture.InitializeAsync();
        var options = new TableClientOptions();
        options.Diagnostics.IsLoggingEnabled = false;
        var tables = azurite.Fixture.CreateTableServiceClient(options);
        foreach (var table in StorageNames.Tables)
            await tables.CreateTableIfNotExistsAsync(table);

        var writeClock = Stopwatch.StartNew();
        await WriteAsync(tables.GetTableClient(StorageNames.StageChangesByDayTable), moves.Select(FunnelSourceRows.ToEntity));
        await WriteAsync(tables.GetTableClient(StorageNames.SalesCyclesTable), cycles.Select(c => FunnelSourceRows.ToEntity(c)));
        var writeSeconds = writeClock.Elapsed.TotalSeconds;

        var clock = new ManualTimeProvider(s_now);
        var aggregates = new TableFunnelAggregateStore(tables);
        var rebuild = new RebuildFunnel(new TableFunnelSourceStore(tables), aggregates, clock);
        var rebuildClock = Stopwatch.StartNew();
        var all = await rebuild.RebuildDaysAsync(s_first, s_last, CancellationToken.None);
        var rebuildSeconds = rebuildClock.Elapsed.TotalSeconds;
        var dailyRows = await CountAsync(tables.GetTableClient(StorageNames.FunnelDailyTable));
        var cohortRows = await CountAsync(tables.GetTableClient(StorageNames.FunnelCohortsTable));

        // One day on its own, as the timer rebuilds yesterday: its partition and the cohort months it touches.
        var oneDay = new DateOnly(2026, 9, 16);
        var single = new List<double>();
        FunnelRebuildResult? dayResult = null;
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            dayResult = await rebuild.RebuildDaysAsync(oneDay, oneDay, CancellationToken.None);
            single.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // 40,000 EUR a month split by channel share, in the MarketingSpend table the KPI request reads.
        var spend = new TableMarketingSpendStore(tables);
        await spend.UpsertAsync([.. KpiCalendar.MonthsOf(s_first, s_last).SelectMany(month => s_channels.Select(c =>
            new MarketingSpend(month, KpiDimension.Channel, c.Channel, Math.Round((decimal)(c.Share * 40_000), 2), "EUR")))], CancellationToken.None);
        var query = new QueryKpis(aggregates, spend, new FixedPolicy(QualificationPolicy.Default), clock);
        var year = new[]
        {
            ("12 months, groupBy=all, by month", new KpiQuery(s_first, s_last, KpiDimension.All, KpiPeriod.Month)),
            ("12 months, groupBy=channel, by month", new KpiQuery(s_first, s_last, KpiDimension.Channel, KpiPeriod.Month)),
            ("12 months, groupBy=campaign, by week", new KpiQuery(s_first, s_last, KpiDimension.Campaign, KpiPeriod.Week)),
            ("12 months, groupBy=owner, by day", new KpiQuery(s_first, s_last, KpiDimension.Owner, KpiPeriod.Day)),
        };

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"Funnel KPI benchmark ({Environment.ProcessorCount} cores, private Azurite, year {s_first:yyyy}, now = {s_now:yyyy-MM-dd'T'HH:mm'Z'})"));
        Console.WriteLine(string.Create(inv, $"  leads generated                   : {leadCount,9:N0}   ({moves.Count:N0} StageChangesByDay rows, {cycles.Count:N0} SalesCycles rows; generated in {generateSeconds:F1} s, written in {writeSeconds:F1} s)"));
        Console.WriteLine(string.Create(inv, $"  rebuild all {all.Days.Count} days               : {rebuildSeconds,9:F1} s   ({rebuildSeconds * 1000 / all.Days.Count:F0} ms a day at {RebuildFunnel.Parallelism} days in parallel; {all.RowsWritten:N0} FunnelDaily rows, {all.CohortMonths.Count} cohort months)"));
        Console.WriteLine(string.Create(inv, $"  rows in FunnelDaily / FunnelCohorts: {dailyRows,9:N0} / {cohortRows:N0}"));
        Console.WriteLine(string.Create(inv, $"  rebuild one day ({oneDay:yyyy-MM-dd}) alone  : median {Median(single),6:F0} ms, max {single.Max():F0} ms   ({dayResult!.MovesRead} moves, {dayResult.CyclesRead} hand-offs, {dayResult.RowsWritten} rows, {dayResult.CohortMonths.Count} cohort months rebuilt)"));

        foreach (var (name, kpiQuery) in year)
        {
            var (times, report) = await TimeAsync(() => query.RunAsync(kpiQuery, CancellationToken.None), repeat);
            Console.WriteLine(string.Create(inv,
                $"  QueryKpis {name,-38}: median {Median(times),6:F0} ms, p90 {Percentile(times, 0.9),6:F0} ms   ({report.Totals.Volumes.Leads:N0} leads, {report.Segments.Count} segments, {report.Series.Count} periods, {report.Cohorts.Count} cohorts)"));
        }

        var (cohortTimes, cohorts) = await TimeAsync(() => aggregates.ReadCohortsAsync("2026-01", "2026-12", CancellationToken.None), repeat);
        Console.WriteLine(string.Create(inv, $"  cohort view (FunnelCohorts, 12 MQL months)          : median {Median(cohortTimes),6:F0} ms, p90 {Percentile(cohortTimes, 0.9),6:F0} ms   ({cohorts.Count} cohort rows)"));

        var (_, summary) = await TimeAsync(() => query.RunAsync(year[1].Item2, CancellationToken.None), 1);
        var totals = summary.Totals;
        Console.WriteLine(string.Create(inv,
            $"  totals: {totals.Volumes.Leads:N0} leads, {totals.Volumes.Mqls:N0} MQLs, {totals.Volumes.Sqls:N0} SQLs, {totals.Volumes.Won:N0} won; Lead→MQL {totals.Conversion[0].Rate:P1}, MQL→SQL {totals.Conversion[3].Rate:P1}, SQL→Won {totals.Conversion[4].Rate:P1}; SLA compliance {totals.Sla.Compliance:P1}; cost per lead {totals.Cost?.PerLead} {totals.Cost?.Currency}"));
        foreach (var model in summary.ModelHealth)
            Console.WriteLine(string.Create(inv, $"  model {model.ModelVersion,-14}: {model.Closed:N0} closed, AUC {model.Auc:F3}, PSI {(model.Psi is { } psi ? psi.ToString("F3", inv) : "n/a")} over {model.PsiLeads:N0} recent leads"));
        return 0;
    }

    /// <summary>One lead's moves and hand-off, drawn with the funnel's rates; times past the year's end are dropped by the caller.</summary>
    private static void Generate(string leadId, Random random, List<FunnelMove> moves, List<SalesCycle> cycles)
    {
        var createdAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromMinutes(random.Next(0, 365 * 24 * 60));
        var (channel, _, campaigns, quality) = Pick(random);
        var attribution = new FunnelAttribution(channel, campaigns.Length == 0 ? null : campaigns[random.Next(campaigns.Length)], s_forms[random.Next(s_forms.Length)], null);
        var trained = createdAt >= s_trainedFrom;
        var model = trained ? "lgbm-2026-06" : "points-v1";
        // The fit score: better channels and leads that will convert score higher.
        var fit = Math.Clamp(random.NextDouble() * quality, 0, 1.6) / 1.6;
        var score = (int)Math.Round(100 * fit);
        double? probability = trained ? Math.Round(Math.Clamp((fit * 0.6) + (random.NextDouble() * 0.15), 0.01, 0.99), 4) : null;
        var at = createdAt;
        DateTimeOffset? mqlAt = null;

        void Add(FunnelStage? from, FunnelStage to, DateTimeOffset when, FunnelStage[] reached, DateTimeOffset? enteredAt, FunnelAttribution who, decimal? amount = null)
        {
            if (to == MarketingQualified || reached.Contains(MarketingQualified))
                mqlAt ??= when;
            moves.Add(new FunnelMove(leadId, from, to, when, reached, enteredAt, who, createdAt, mqlAt, score, probability, model, amount));
        }

        Add(null, Lead, at, [Lead], null, attribution);
        var fastTrack = random.NextDouble() < 0.03 * quality;
        if (!fastTrack)
        {
            if (random.NextDouble() < 0.05)
            {
                Add(Lead, Disqualified, at + Hours(random, 0.1, 48), [], at, attribution);
                return;
            }

            if (random.NextDouble() > 0.22 * quality * (0.5 + fit))
                return;
            var mql = at + Hours(random, 1, 14 * 24);
            Add(Lead, MarketingQualified, mql, [MarketingQualified], at, attribution);
            at = mql;
        }

        var owner = s_owners[random.Next(s_owners.Length)];
        var handedOff = fastTrack ? at + Hours(random, 0.05, 2) : at + Hours(random, 24, 72);
        var routed = attribution with { Owner = owner };
        AddCycle(leadId, routed, createdAt, handedOff, random, cycles);
        if (fastTrack)
        {
            Add(Lead, SalesQualified, handedOff, [MarketingQualified, SalesAccepted, SalesQualified], at, routed);
        }
        else
        {
            if (random.NextDouble() < 0.3)
            {
                Add(MarketingQualified, Nurture, handedOff + Hours(random, 1, 48), [], at, routed);
                return;
            }

            Add(MarketingQualified, SalesAccepted, handedOff, [SalesAccepted], at, routed);
            at = handedOff;
            var decided = at + Hours(random, 24, 10 * 24);
            if (random.NextDouble() > 0.6 * (0.6 + fit))
            {
                Add(SalesAccepted, Disqualified, decided, [], at, routed);
                return;
            }

            Add(SalesAccepted, SalesQualified, decided, [SalesQualified], at, routed);
        }

        at = moves[^1].At;
        var opportunityAt = at + Hours(random, 48, 20 * 24);
        if (random.NextDouble() > 0.5)
        {
            Add(SalesQualified, Lost, opportunityAt, [], at, routed);
            return;
        }

        var amount = Math.Round((decimal)(5_000 + (random.NextDouble() * 45_000)), 0);
        Add(SalesQualified, Opportunity, opportunityAt, [Opportunity], at, routed, amount);
        var closedAt = opportunityAt + Hours(random, 10 * 24, 90 * 24);
        if (random.NextDouble() < 0.25 + (0.3 * fit))
            Add(Opportunity, Won, closedAt, [Won], opportunityAt, routed, amount);
        else
            Add(Opportunity, Lost, closedAt, [], opportunityAt, routed);
    }

    /// <summary>A hand-off with its SLA: due an hour later; most answered in time, some late, some missed; follow-ups 0–4.</summary>
    private static void AddCycle(string leadId, FunnelAttribution attribution, DateTimeOffset capturedAt, DateTimeOffset handedOffAt, Random random, List<SalesCycle> cycles)
    {
        var dueAt = handedOffAt + TimeSpan.FromHours(1);
        var draw = random.NextDouble();
        DateTimeOffset? answeredAt = draw < 0.75 ? handedOffAt + Hours(random, 0.05, 1) : draw < 0.92 ? handedOffAt + Hours(random, 1.1, 30) : null;
        DateTimeOffset? breachedAt = answeredAt is null || answeredAt > dueAt ? dueAt : null;
        var followUps = random.Next(0, 5);
        var windowEnd = handedOffAt + TimeSpan.FromDays(7);
        var windowOver = windowEnd <= s_now;
        DateTimeOffset? followUpsBreachedAt = windowOver && followUps < 3 && random.NextDouble() < 0.5 ? windowEnd : null;
        DateTimeOffset? followUpsDueAt = windowOver ? null : windowEnd;
        cycles.Add(new SalesCycle(leadId, attribution, capturedAt, handedOffAt, dueAt, answeredAt, breachedAt, followUps, followUpsDueAt, followUpsBreachedAt, answeredAt));
    }

    private static (string Channel, double Share, string[] Campaigns, double Quality) Pick(Random random)
    {
        var draw = random.NextDouble();
        foreach (var channel in s_channels)
        {
            if ((draw -= channel.Share) < 0)
                return channel;
        }

        return s_channels[^1];
    }

    private static TimeSpan Hours(Random random, double from, double to) =>
        TimeSpan.FromHours(Math.Exp(Math.Log(from) + (random.NextDouble() * (Math.Log(to) - Math.Log(from)))));

    /// <summary>Rows as the lead store writes them: one transaction per day partition and 100 rows, <see cref="Concurrency"/> at a time.</summary>
    private static Task WriteAsync<T>(TableClient table, IEnumerable<T> rows) where T : ITableEntity
    {
        var batches = rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal).SelectMany(day => day.Chunk(TableLeadStore.MaxTransactionActions));
        return Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (batch, cancellationToken) =>
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken));
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter: (string?)null, select: ["PartitionKey"]))
            count++;
        return count;
    }

    private static async Task<(List<double> Milliseconds, T Last)> TimeAsync<T>(Func<Task<T>> run, int repeat)
    {
        var last = default(T);
        for (var i = 0; i < 2; i++)
            last = await run();
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var started = Stopwatch.GetTimestamp();
            last = await run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (times, last!);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class FixedPolicy(QualificationPolicy policy) : IQualificationPolicyProvider
    {
        public ValueTask<QualificationPolicy> GetPolicyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(policy);
    }

    private sealed class AzuriteDisposable : IAsyncDisposable
    {
        public AzuriteFixture Fixture { get; } = new();

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
