using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Kpis;
using LeadIntake.Application.Policy;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using LeadIntake.Storage.Kpis;
using Microsoft.Extensions.DependencyInjection;
using static LeadIntake.Domain.Funnel.FunnelStage;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>
/// The funnel rebuild (<see cref="RebuildFunnel"/>) and the KPI query (<see cref="QueryKpis"/>) on the real tables in Azurite:
/// idempotent days, stale rows deleted, marks consumed unless rewritten meanwhile, cohorts across months.
/// </summary>
/// <remarks>Each test uses days of its own year, so the tests of this class never read each other's rows.</remarks>
public sealed class FunnelRebuildTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly FunnelAttribution s_paid = new("paid_search", "spring/2031 #1?", "demo", null);
    private static readonly FunnelAttribution s_organic = new("organic", null, "demo", null);

    private TableServiceClient Tables => fixture.Services.GetRequiredService<TableServiceClient>();

    [Fact]
    public async Task RebuildDaysAsync_Twice_WritesIdenticalRows()
    {
        var day = new DateOnly(2031, 3, 10);
        await WriteAsync(
            [
                Move("L1", null, Lead, "2031-03-10T08:00Z", [Lead], s_paid),
                Move("L1", Lead, MarketingQualified, "2031-03-10T10:00Z", [MarketingQualified], s_paid, fromEnteredAt: "2031-03-10T08:00Z", mqlAt: "2031-03-10T10:00Z"),
                Move("L2", null, Lead, "2031-03-10T11:00Z", [Lead], s_organic),
            ],
            [Cycle("L1", s_paid with { Owner = "tom@example.com" }, "2031-03-10T08:00Z", "2031-03-10T10:00Z", answeredAt: "2031-03-10T10:30Z")]);

        var first = await Rebuild("2031-03-11T01:00Z").RebuildDaysAsync(day, day, CancellationToken.None);
        var firstRows = await DailyAsync(day);
        var second = await Rebuild("2031-03-11T02:00Z").RebuildDaysAsync(day, day, CancellationToken.None);
        var secondRows = await DailyAsync(day);

        Assert.Equal(first.RowsWritten, second.RowsWritten);
        Assert.Equal(0, second.RowsDeleted);
        Assert.Equal(firstRows.Select(Columns), secondRows.Select(Columns));
        Assert.All(secondRows, row => Assert.Equal(At("2031-03-11T02:00Z"), row.GetDateTimeOffset("RebuiltAt")));
        var all = secondRows.Single(r => r.RowKey == "all|all");
        Assert.Equal((2, 1, 1, 1), (all.GetInt32("Leads"), all.GetInt32("MQLs"), all.GetInt32("Handoffs"), all.GetInt32("RespondedWithinSla")));
        // The campaign's '/', '#' and '?' are not allowed in a RowKey: percent-encoded there, kept in the Value column.
        var campaign = secondRows.Single(r => r.RowKey == "campaign|spring%2F2031 %231%3F");
        Assert.Equal(("campaign", "spring/2031 #1?", 1), (campaign.GetString("Dimension"), campaign.GetString("Value"), campaign.GetInt32("Leads")));
        Assert.Contains(secondRows, r => r.RowKey == "cohort|2031-03|all|all" && r.GetInt32("MQLs") == 1);
        Assert.Contains(secondRows, r => r.RowKey == "model|points-v1" && r.GetString("NewLeadScores") == "50:2");
    }

    [Fact]
    public async Task RebuildDaysAsync_SourceRowsGone_DeletesTheStaleRowsAndTheirCohort()
    {
        var day = new DateOnly(2032, 5, 5);
        var referral = new FunnelAttribution("referral", null, null, null);
        var referralLead = Move("L1", null, Lead, "2032-05-05T08:00Z", [Lead], referral);
        var mql = Move("L2", Lead, MarketingQualified, "2032-05-05T09:00Z", [MarketingQualified], s_organic, mqlAt: "2032-05-05T09:00Z");
        await WriteAsync([referralLead, mql, Move("L2", null, Lead, "2032-05-05T07:00Z", [Lead], s_organic)], []);
        await Rebuild("2032-05-06T01:00Z").RebuildDaysAsync(day, day, CancellationToken.None);
        Assert.Contains(await DailyAsync(day), r => r.RowKey == "channel|referral");
        Assert.Contains(await CohortsAsync("2032-05"), r => r.RowKey == "all|all" && r.GetInt32("MQLs") == 1);

        var byDay = Tables.GetTableClient(StorageNames.StageChangesByDayTable);
        foreach (var gone in new[] { referralLead, mql })
        {
            var row = FunnelSourceRows.ToEntity(gone);
            await byDay.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
        }

        var result = await Rebuild("2032-05-06T02:00Z").RebuildDaysAsync(day, day, CancellationToken.None);

        var rows = await DailyAsync(day);
        Assert.DoesNotContain(rows, r => r.RowKey == "channel|referral" || r.RowKey.StartsWith("cohort|", StringComparison.Ordinal));
        Assert.Equal(result.RowsWritten, rows.Count);
        Assert.True(result.RowsDeleted >= 2, $"{result.RowsDeleted} deleted");
        Assert.Equal(["2032-05"], result.CohortMonths);
        Assert.Empty(await CohortsAsync("2032-05"));
        Assert.Equal(1, rows.Single(r => r.RowKey == "all|all").GetInt32("Leads"));
    }

    [Fact]
    public async Task RunAsync_MarkedOldDay_RebuildsItAndConsumesTheMark()
    {
        var day = new DateOnly(2033, 1, 10);
        await WriteAsync([Move("L1", null, Lead, "2033-01-10T08:00Z", [Lead], s_organic)], []);
        await MarkAsync(day, "2033-01-20T00:00Z");

        var result = await Rebuild("2033-02-01T00:05Z").RunAsync(CancellationToken.None);

        Assert.Equal([day, new DateOnly(2033, 1, 31), new DateOnly(2033, 2, 1)], result.Days);
        Assert.Equal(1, result.MarksConsumed);
        Assert.DoesNotContain(await MarksAsync(), m => m.RowKey == "2033-01-10");
        Assert.Equal(1, (await DailyAsync(day)).Single(r => r.RowKey == "all|all").GetInt32("Leads"));
    }

    [Fact]
    public async Task RunAsync_MarkWrittenAgainDuringTheRebuild_Survives()
    {
        var day = new DateOnly(2033, 6, 10);
        await WriteAsync([Move("L1", null, Lead, "2033-06-10T08:00Z", [Lead], s_organic)], []);
        await MarkAsync(day, "2033-06-20T00:00Z");
        var tables = new TableFunnelSourceStore(Tables);
        // A save lands in the day while it is being rebuilt: the lead store upserts the mark again (a new ETag).
        var remarking = new RemarkingSourceStore(tables, day, () => MarkAsync(day, "2033-07-01T00:00:30Z"));

        var first = await Rebuild("2033-07-01T00:05Z", remarking).RunAsync(CancellationToken.None);

        Assert.Equal(0, first.MarksConsumed);
        var mark = Assert.Single(await MarksAsync(), m => m.RowKey == "2033-06-10");
        Assert.Equal(At("2033-07-01T00:00:30Z"), mark.GetDateTimeOffset("MarkedAt"));

        var second = await Rebuild("2033-07-01T00:06Z").RunAsync(CancellationToken.None);

        Assert.Equal(1, second.MarksConsumed);
        Assert.DoesNotContain(await MarksAsync(), m => m.RowKey == "2033-06-10");
    }

    [Fact]
    public async Task RebuildDaysAsync_LeadsOverMonths_CohortRowsAreCumulativeByLag()
    {
        // January cohort of two MQLs (01-10); L1 reaches SQL in February (lag 1) and is won in April (lag 3).
        await WriteAsync(
            [
                Move("L1", Lead, MarketingQualified, "2034-01-10T09:00Z", [MarketingQualified], s_paid, mqlAt: "2034-01-10T09:00Z"),
                Move("L2", Lead, MarketingQualified, "2034-01-10T10:00Z", [MarketingQualified], s_paid, mqlAt: "2034-01-10T10:00Z"),
                Move("L1", MarketingQualified, SalesQualified, "2034-02-05T09:00Z", [SalesAccepted, SalesQualified], s_paid, mqlAt: "2034-01-10T09:00Z"),
                Move("L1", Opportunity, Won, "2034-04-02T09:00Z", [Won], s_paid, mqlAt: "2034-01-10T09:00Z", amount: 1200m),
            ],
            []);

        var result = await Rebuild("2034-05-01T01:00Z").RebuildDaysAsync(new DateOnly(2034, 1, 10), new DateOnly(2034, 4, 2), CancellationToken.None);

        Assert.Equal(["2034-01"], result.CohortMonths);
        var cohorts = await CohortsAsync("2034-01");
        Assert.Equal(["all|all", "campaign|spring%2F2031 %231%3F", "channel|paid_search", "form|demo", "owner|(none)"], cohorts.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        var all = cohorts.Single(r => r.RowKey == "all|all");
        Assert.Equal(2, all.GetInt32("MQLs"));
        Assert.Equal([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], Lags(all, "SqlByM"));
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1], Lags(all, "WonByM"));
    }

    [Fact]
    public async Task QueryKpis_RebuiltQuarter_ReadsTotalsSegmentsCohortsAndSpend()
    {
        await WriteAsync(
            [
                Move("L1", null, Lead, "2035-01-05T08:00Z", [Lead], s_paid),
                Move("L2", null, Lead, "2035-01-06T08:00Z", [Lead], s_organic),
                Move("L3", null, Lead, "2035-02-06T08:00Z", [Lead], s_paid),
                Move("L1", Lead, SalesQualified, "2035-01-05T09:00Z", [MarketingQualified, SalesAccepted, SalesQualified], s_paid, fromEnteredAt: "2035-01-05T08:00Z", mqlAt: "2035-01-05T09:00Z"),
                Move("L1", Opportunity, Won, "2035-03-02T09:00Z", [Won], s_paid, mqlAt: "2035-01-05T09:00Z", amount: 900m),
            ],
            []);
        var clock = new ManualTimeProvider(At("2035-04-10T12:00Z"));
        await new RebuildFunnel(new TableFunnelSourceStore(Tables), new TableFunnelAggregateStore(Tables), clock)
            .RebuildDaysAsync(new DateOnly(2035, 1, 1), new DateOnly(2035, 3, 31), CancellationToken.None);
        var spend = new TableMarketingSpendStore(Tables);
        await spend.UpsertAsync(
        [
            new MarketingSpend("2035-01", KpiDimension.Channel, "paid_search", 300m, "EUR"),
            new MarketingSpend("2035-02", KpiDimension.Channel, "paid_search", 300m, "EUR"),
            new MarketingSpend("2035-03", KpiDimension.Channel, "organic", 0m, "EUR"),
        ], CancellationToken.None);
        var query = new QueryKpis(new TableFunnelAggregateStore(Tables), spend, fixture.Services.GetRequiredService<IQualificationPolicyProvider>(), clock);

        var report = await query.RunAsync(new KpiQuery(new DateOnly(2035, 1, 1), new DateOnly(2035, 3, 31), KpiDimension.Channel, KpiPeriod.Month), CancellationToken.None);

        Assert.Equal((3, 1, 1, 1, 900m), (report.Totals.Volumes.Leads, report.Totals.Volumes.Mqls, report.Totals.Volumes.Sqls, report.Totals.Volumes.Won, report.Totals.Volumes.WonAmount));
        Assert.Equal(["paid_search", "organic"], report.Segments.Select(s => s.Value));
        Assert.Equal(["2035-01", "2035-02", "2035-03"], report.Series.Select(s => s.Period));
        Assert.Equal([2, 1, 0], report.Series.Select(s => s.Volumes.Leads));
        Assert.Equal(At("2035-04-10T12:00Z"), report.AsOf);
        // 600 spent over the quarter's 3 leads = 200 a lead, 600 a customer.
        Assert.Equal((600m, 200m, 600m), (report.Totals.Cost!.Spend!.Value, report.Totals.Cost.PerLead!.Value, report.Totals.Cost.PerCustomer!.Value));
        var january = report.Cohorts[0];
        Assert.Equal((1, 1, 1), (january.Mqls, january.Lags[0].Sql, january.Lags[2].Won));
        Assert.Equal(0, january.Lags[1].Won);
        Assert.Equal(1, report.Totals.Velocity[0].Count); // L1 out of Lead after an hour
        Assert.Equal([.. Enumerable.Repeat(false, 3), .. Enumerable.Repeat(true, 9)], january.Lags.Select(l => l.Maturing)); // now is April
    }

    private RebuildFunnel Rebuild(string now, IFunnelSourceStore? sources = null) =>
        new(sources ?? new TableFunnelSourceStore(Tables), new TableFunnelAggregateStore(Tables), new ManualTimeProvider(At(now)));

    private async Task WriteAsync(IReadOnlyList<FunnelMove> moves, IReadOnlyList<SalesCycle> cycles)
    {
        var byDay = Tables.GetTableClient(StorageNames.StageChangesByDayTable);
        foreach (var move in moves)
            await byDay.UpsertEntityAsync(FunnelSourceRows.ToEntity(move), TableUpdateMode.Replace);
        var sales = Tables.GetTableClient(StorageNames.SalesCyclesTable);
        foreach (var cycle in cycles)
            await sales.UpsertEntityAsync(FunnelSourceRows.ToEntity(cycle), TableUpdateMode.Replace);
    }

    // As the lead store marks a day (PartitionKey "days", RowKey the day, MarkedAt).
    private Task MarkAsync(DateOnly day, string markedAt) =>
        Tables.GetTableClient(StorageNames.FunnelDaysToRebuildTable).UpsertEntityAsync(
            new TableEntity(TableFunnelSourceStore.MarksPartition, KpiCalendar.DayKey(day)) { ["MarkedAt"] = At(markedAt) }, TableUpdateMode.Replace);

    private Task<List<TableEntity>> MarksAsync() => fixture.RowsAsync<TableEntity>(StorageNames.FunnelDaysToRebuildTable, TableFunnelSourceStore.MarksPartition);

    private Task<List<TableEntity>> DailyAsync(DateOnly day) => fixture.RowsAsync<TableEntity>(StorageNames.FunnelDailyTable, KpiCalendar.DayKey(day));

    private Task<List<TableEntity>> CohortsAsync(string month) => fixture.RowsAsync<TableEntity>(StorageNames.FunnelCohortsTable, month);

    // Every stored column but the rebuild time and the service's own, as text.
    private static string Columns(TableEntity row) =>
        string.Join("; ", row.Where(c => c.Key is not ("RebuiltAt" or "Timestamp" or "odata.etag")).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}={Convert.ToString(c.Value, CultureInfo.InvariantCulture)}"));

    private static int[] Lags(TableEntity row, string prefix) =>
        [.. Enumerable.Range(0, FunnelCohortRow.Lags).Select(lag => row.GetInt32(prefix + lag.ToString(CultureInfo.InvariantCulture))!.Value)];

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static FunnelMove Move(
        string leadId, FunnelStage? from, FunnelStage to, string at, FunnelStage[] reached, FunnelAttribution attribution,
        string? fromEnteredAt = null, string? mqlAt = null, decimal? amount = null) =>
        new(leadId, from, to, At(at), reached, fromEnteredAt is null ? null : At(fromEnteredAt), attribution, At(at), mqlAt is null ? null : At(mqlAt),
            50, null, "points-v1", amount);

    private static SalesCycle Cycle(string leadId, FunnelAttribution attribution, string capturedAt, string handedOffAt, string? answeredAt = null) =>
        new(leadId, attribution, At(capturedAt), At(handedOffAt), null, answeredAt is null ? null : At(answeredAt), null, 0, null, null, null);

    /// <summary>The real source store, upserting a day's mark again while that day is read (a save landing mid-rebuild).</summary>
    private sealed class RemarkingSourceStore(IFunnelSourceStore inner, DateOnly day, Func<Task> remark) : IFunnelSourceStore
    {
        public async Task<FunnelDaySource> ReadDayAsync(DateOnly read, CancellationToken cancellationToken)
        {
            var source = await inner.ReadDayAsync(read, cancellationToken);
            if (read == day)
                await remark();
            return source;
        }

        public Task<IReadOnlyList<FunnelRebuildMark>> ReadMarksAsync(CancellationToken cancellationToken) => inner.ReadMarksAsync(cancellationToken);

        public Task<bool> ConsumeMarkAsync(FunnelRebuildMark mark, CancellationToken cancellationToken) => inner.ConsumeMarkAsync(mark, cancellationToken);
    }
}
