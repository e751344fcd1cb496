using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sla;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Sla;
using LeadIntake.Storage;
using LeadIntake.Storage.Activities;
using LeadIntake.Storage.Leads;
using LeadIntake.Storage.Sla;
using LeadIntake.Testing;

namespace LeadIntake.Benchmarks;

/// <summary>
/// What one run of the SLA clock costs with many open leads and few due deadlines: rows the real <see cref="SlaCheck"/> reads
/// from the Deadlines index, beside the rows a full scan of the Leads table reads (what the index saves).
/// </summary>
/// <remarks>
/// Runs a private in-memory Azurite, writes open leads (Leads rows through <see cref="LeadEntityMapper.ToEntity"/>, their
/// index rows through <see cref="TableDeadlineIndex.ToEntity"/> in transactions of 100 per day partition, exactly the rows
/// <see cref="LeadDeadlines.Of"/> gives each lead), with only <c>--due</c> of them past a deadline at the fake "now", a
/// Wednesday at noon UTC under the default policy (Mon–Fri 09:00–17:00 UTC). Then runs the clock once, and again one minute
/// later (its default schedule is every minute). Prints; asserts nothing.
/// </remarks>
public static class SlaBenchmark
{
    private const int Concurrency = 32;

    // Wednesday 18 March 2026, 12:00 UTC: inside working hours, so fresh hand-offs are due later today.
    private static readonly DateTimeOffset s_now = new(2026, 3, 18, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the benchmark; <c>--leads N</c> open leads (default 10,000), <c>--due N</c> of them overdue (default 50).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var leadCount = Option(args, "--leads", 10_000);
        var dueCount = Option(args, "--due", 50);
        if (dueCount > leadCount)
        {
            Console.Error.WriteLine("--due cannot exceed --leads");
            return 2;
        }

        var policy = QualificationPolicy.Default;
        var leads = Generate(leadCount, dueCount, policy, new Random(7));
        var deadlines = leads.SelectMany(LeadDeadlines.Of).ToList();

        await using var azurite = new AzuriteDisposable();
        await azurite.Fixture.InitializeAsync();
        var tables = azurite.Fixture.CreateTableServiceClient(Quiet(new TableClientOptions()));
        var queues = azurite.Fixture.CreateQueueServiceClient(Quiet(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        foreach (var table in StorageNames.Tables)
            await tables.CreateTableIfNotExistsAsync(table);
        foreach (var queue in StorageNames.Queues)
            await queues.CreateQueueAsync(queue);

        var writeClock = Stopwatch.StartNew();
        await WriteLeadsAsync(tables.GetTableClient(StorageNames.LeadsTable), leads);
        await WriteIndexAsync(tables.GetTableClient(StorageNames.DeadlinesTable), deadlines);
        var writeSeconds = writeClock.Elapsed.TotalSeconds;

        var indexRows = await CountAsync(tables.GetTableClient(StorageNames.DeadlinesTable));
        var clock = new ManualTimeProvider(s_now);
        var store = new TableLeadStore(tables, clock);
        var index = new TableDeadlineIndex(tables);
        var check = new SlaCheck(
            index, store, new TableLeadActivityStore(tables), new TableSlaBreachStore(tables), new SlaBreachQueue(queues),
            new HandoffSender(store, new SalesHandoffQueue(queues)), new FixedPolicy(policy), clock);

        // The read alone, beside the scan below: what the clock pays before it acts on anything.
        var (read, readMs) = await TimeAsync(() => index.FindDueAsync(s_now, CancellationToken.None));
        var (first, firstMs) = await TimeAsync(() => check.RunAsync(CancellationToken.None));
        var breachRows = await CountAsync(tables.GetTableClient(StorageNames.SlaBreachesTable));
        var breachMessages = (await queues.GetQueueClient(StorageNames.SlaBreachesQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var (again, againMs) = await TimeAsync(() => check.RunAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        var (nextTick, nextTickMs) = await TimeAsync(() => check.RunAsync(CancellationToken.None));

        // The alternative the index replaces: read every lead and look at its deadlines.
        var (scanned, scanMs) = await TimeAsync(() => CountAsync(tables.GetTableClient(StorageNames.LeadsTable)));

        var inv = CultureInfo.InvariantCulture;
        var kinds = string.Join(", ", deadlines.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => $"{DeadlineKindCodes.ToCode(g.Key)} {g.Count()}"));
        Console.WriteLine($"SLA clock benchmark ({Environment.ProcessorCount} cores, private Azurite, now = {s_now.ToString("yyyy-MM-dd'T'HH:mm'Z' (ddd)", inv)})");
        Console.WriteLine($"  open leads                        : {leadCount,8}   (written with their index rows in {writeSeconds:F1} s)");
        Console.WriteLine($"  index rows in Deadlines           : {indexRows,8}   ({kinds}; {deadlines.Count(d => d.DueAt <= s_now)} due at now)");
        Console.WriteLine($"  index read alone (FindDueAsync)   : {read.RowsRead,8}   {readMs,8:F0} ms");
        Console.WriteLine($"  run 1: index rows read            : {first.RowsRead,8}   {firstMs,8:F0} ms   {first}");
        Console.WriteLine($"  run 1: SlaBreaches rows / messages: {breachRows,8} / {breachMessages}");
        Console.WriteLine($"  run 2 (same now): index rows read : {again.RowsRead,8}   {againMs,8:F0} ms   {again}");
        Console.WriteLine($"  run 3 (+1 min): index rows read   : {nextTick.RowsRead,8}   {nextTickMs,8:F0} ms   {nextTick}");
        Console.WriteLine($"  full scan of Leads: rows read     : {scanned,8}   {scanMs,8:F0} ms   (what a clock without the index reads every run)");
        Console.WriteLine($"  rows read, index vs scan          : {first.RowsRead} vs {scanned} ({(first.RowsRead == 0 ? "none read" : $"{(double)scanned / first.RowsRead:F0}x fewer")}; read {readMs:F0} ms vs {scanMs:F0} ms)");
        return 0;
    }

    /// <summary>
    /// Open leads in the states that have a deadline, all of it after <see cref="s_now"/> except the first response of
    /// <paramref name="dueCount"/> of them (handed off a business hour or more ago, not yet contacted).
    /// </summary>
    /// <remarks>
    /// The rest, in turn: contacted SQLs with follow-ups open (one follow_ups row), SQLs handed off in the last 50 minutes
    /// (first_response later today and follow_ups), MQLs in their nurture period (handoff within 24 h) and lost leads
    /// waiting to be recycled (within 90 days). A state whose deadline would already be due is drawn again.
    /// </remarks>
    private static List<Lead> Generate(int leadCount, int dueCount, QualificationPolicy policy, Random random)
    {
        var identity = new LeadIdentity(Encoding.UTF8.GetBytes("sla-benchmark-secret-0123456789abcdef"));
        var leads = new List<Lead>(leadCount);
        for (var i = 0; i < leadCount; i++)
        {
            var email = $"lead{i:D6}@bench-corp{i % 97}.example";
            var lead = Base(identity.LeadIdFor(email), email, i);
            Lead candidate;
            do
            {
                candidate = i < dueCount ? Overdue(lead, policy, random) : (i % 4) switch
                {
                    0 => Contacted(lead, policy, random),
                    1 => JustHandedOff(lead, policy, random),
                    2 => Nurturing(lead, random),
                    _ => Lost(lead, random),
                };
            }
            while (LeadDeadlines.Of(candidate).Count(d => d.DueAt <= s_now) != (i < dueCount ? 1 : 0));
            leads.Add(candidate);
        }

        return leads;
    }

    private static Lead Overdue(Lead lead, QualificationPolicy policy, Random random) =>
        HandedOff(lead, s_now - Minutes(random, 2 * 60, 3 * 24 * 60), policy);

    private static Lead Contacted(Lead lead, QualificationPolicy policy, Random random)
    {
        var handedOff = HandedOff(lead, s_now - Minutes(random, 60, 4 * 24 * 60), policy);
        var contactAt = handedOff.HandedOffAt!.Value + Minutes(random, 5, 55);
        return handedOff with { FirstResponseAt = contactAt, LastContactAt = contactAt, LastFollowUpAt = contactAt, FollowUpCount = 1 };
    }

    private static Lead JustHandedOff(Lead lead, QualificationPolicy policy, Random random) =>
        HandedOff(lead, s_now - Minutes(random, 0, 50), policy);

    private static Lead Nurturing(Lead lead, Random random)
    {
        var enteredAt = s_now - Minutes(random, 1, 24 * 60 - 1);
        return lead with
        {
            Stage = FunnelStage.MarketingQualified,
            StageEnteredAt = enteredAt,
            StageReason = "MQL rule 'fit-and-engaged'",
            HandoffDueAt = enteredAt + TimeSpan.FromHours(24),
        };
    }

    private static Lead Lost(Lead lead, Random random)
    {
        var lostAt = s_now - Minutes(random, 60, 89 * 24 * 60);
        return lead with
        {
            Stage = FunnelStage.Lost,
            StageEnteredAt = lostAt,
            StageReason = "lost: no_budget",
            Outcome = "lost",
            OutcomeAt = lostAt,
            RecycleDueAt = lostAt + TimeSpan.FromDays(90),
        };
    }

    /// <summary>The lead handed to sales at <paramref name="at"/> on the SQL fast track, its SLA clock started as the qualifier starts it.</summary>
    private static Lead HandedOff(Lead lead, DateTimeOffset at, QualificationPolicy policy) => lead with
    {
        Stage = FunnelStage.SalesQualified,
        StageEnteredAt = at,
        StageReason = "SQL fast track 'asked-for-contact'",
        ContactRequested = true,
        HandedOffAt = at,
        ResponseDueAt = BusinessCalendar.AddBusinessTime(at, policy.Sla.FirstResponse, policy.Sla.Hours),
        NextFollowUpDueAt = BusinessCalendar.AddBusinessTime(at, policy.Sla.FollowUpWindow, policy.Sla.Hours),
    };

    private static Lead Base(string leadId, string email, int i)
    {
        var firstSeenAt = s_now - TimeSpan.FromDays(100);
        return new Lead
        {
            LeadId = leadId,
            Email = email,
            FirstName = "Ada",
            LastName = $"Lovelace {i}",
            Company = $"Bench Corp {i % 97}",
            JobTitle = "Head of Operations",
            Country = "United Kingdom",
            FormId = "demo",
            Message = "We would like a demo for our sales team of about forty people.",
            Stage = FunnelStage.Lead,
            StageEnteredAt = firstSeenAt,
            Score = 60 + i % 40,
            Grade = "A",
            ScoringModel = "points-v1",
            ScoredAt = firstSeenAt,
            EmailClass = EmailClass.Corporate,
            EmailDomain = email[(email.IndexOf('@') + 1)..],
            CompanyDomain = email[(email.IndexOf('@') + 1)..],
            FirstSeenAt = firstSeenAt,
            LastSeenAt = firstSeenAt,
            SubmissionCount = 1,
            RecentSubmissionIds = [$"sub-{i:D6}"],
            UpdatedAt = firstSeenAt,
            Engagement = 20,
            EngagementAt = firstSeenAt,
            PolicyVersion = QualificationPolicy.Default.Version,
        };
    }

    private static TimeSpan Minutes(Random random, int from, int to) => TimeSpan.FromMinutes(random.Next(from, to + 1));

    /// <summary>One row per lead (its own partition: one insert each), <see cref="Concurrency"/> at a time.</summary>
    private static Task WriteLeadsAsync(TableClient table, IReadOnlyList<Lead> leads) =>
        Parallel.ForEachAsync(leads, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (lead, cancellationToken) =>
            await table.AddEntityAsync(LeadEntityMapper.ToEntity(lead), cancellationToken));

    /// <summary>The index rows as the lead store writes them, one transaction per day partition and 100 rows.</summary>
    private static Task WriteIndexAsync(TableClient table, IEnumerable<LeadDeadline> deadlines)
    {
        var batches = deadlines.Select(TableDeadlineIndex.ToEntity)
            .GroupBy(row => row.PartitionKey, StringComparer.Ordinal)
            .SelectMany(day => day.Chunk(TableLeadStore.MaxTransactionActions));
        return Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (batch, cancellationToken) =>
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), cancellationToken));
    }

    /// <summary>Rows of <paramref name="table"/>, every column, read page by page (1,000 rows a page).</summary>
    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter: (string?)null))
            count++;
        return count;
    }

    private static async Task<(T Result, double Milliseconds)> TimeAsync<T>(Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await run();
        return (result, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    // As the app configures its clients: the SDK's per-request event logging off.
    private static T Quiet<T>(T options) where T : Azure.Core.ClientOptions
    {
        options.Diagnostics.IsLoggingEnabled = false;
        return options;
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
