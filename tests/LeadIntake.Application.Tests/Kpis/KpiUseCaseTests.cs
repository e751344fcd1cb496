using System.Globalization;
using LeadIntake.Application.Kpis;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using Microsoft.Extensions.Time.Testing;
using static LeadIntake.Domain.Funnel.FunnelStage;

namespace LeadIntake.Application.Tests.Kpis;

public class KpiUseCaseTests
{
    private static readonly DateTimeOffset s_now = At("2026-06-15T10:00Z");
    private static readonly FunnelAttribution s_organic = new("organic", null, null, null);

    [Fact]
    public async Task RebuildFunnel_RunAsync_RebuildsTodayYesterdayAndMarkedDaysThenConsumesTheMarks()
    {
        var sources = new FakeFunnelSources();
        sources.Marks[new DateOnly(2026, 3, 2)] = 1;
        sources.Moves.Add(Move("L1", null, Lead, "2026-03-02T08:00Z", [Lead]));
        var aggregates = new FakeFunnelAggregates();

        var result = await new RebuildFunnel(sources, aggregates, new FakeTimeProvider(s_now)).RunAsync(CancellationToken.None);

        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 6, 14), new DateOnly(2026, 6, 15)], result.Days);
        Assert.Equal(1, result.MarksConsumed);
        Assert.Empty(sources.Marks);
        Assert.Equal(1, aggregates.Days[new DateOnly(2026, 3, 2)].Rows[0].Volumes.Leads);
    }

    [Fact]
    public async Task RebuildFunnel_RebuildDaysAsync_RebuildsEveryCohortMonthTheDaysTouched()
    {
        var sources = new FakeFunnelSources();
        sources.Moves.Add(Move("L1", Lead, MarketingQualified, "2026-04-10T08:00Z", [MarketingQualified], mqlAt: "2026-04-10T08:00Z"));
        sources.Moves.Add(Move("L1", MarketingQualified, SalesQualified, "2026-05-03T08:00Z", [SalesAccepted, SalesQualified], mqlAt: "2026-04-10T08:00Z"));
        var aggregates = new FakeFunnelAggregates();

        var result = await new RebuildFunnel(sources, aggregates, new FakeTimeProvider(s_now))
            .RebuildDaysAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 31), CancellationToken.None);

        Assert.Equal(61, result.Days.Count);
        Assert.Equal(["2026-04"], result.CohortMonths);
        var april = Assert.Single(aggregates.Cohorts["2026-04"], r => r.Dimension == KpiDimension.All);
        Assert.Equal((1, 0, 1), (april.Mqls, april.SqlByLag[0], april.SqlByLag[1]));
        Assert.Equal(0, result.MarksConsumed);
    }

    [Fact]
    public async Task QueryKpis_RangeEndsBeforeItStarts_Throws()
    {
        var query = new QueryKpis(new FakeFunnelAggregates(), new NoSpend(), new DefaultPolicy(), new FakeTimeProvider(s_now));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            query.RunAsync(new KpiQuery(new DateOnly(2026, 5, 2), new DateOnly(2026, 5, 1), KpiDimension.All, KpiPeriod.Day), CancellationToken.None));
        Assert.Equal("to", new KpiQuery(new DateOnly(2024, 1, 1), new DateOnly(2026, 1, 1), KpiDimension.All, KpiPeriod.Day).Problem()?.Field);
        Assert.Null(new KpiQuery(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), KpiDimension.All, KpiPeriod.Day).Problem());
    }

    [Fact]
    public async Task PlanMarketing_MeasuresTheLastTwelveMonths_AndNamesAnUnmeasuredRate()
    {
        // 2025-06-16 … 2026-06-15: 10 leads, 4 MQLs, 2 SQLs, 1 won → Lead→MQL .4, MQL→SQL .5, SQL→Won .5.
        var aggregates = new FakeFunnelAggregates();
        var sources = new FakeFunnelSources();
        for (var i = 0; i < 10; i++)
            sources.Moves.Add(Move($"L{i}", null, Lead, "2026-02-01T08:00Z", [Lead]));
        for (var i = 0; i < 4; i++)
            sources.Moves.Add(Move($"L{i}", Lead, i < 2 ? SalesQualified : MarketingQualified, "2026-02-02T08:00Z", i < 2 ? [MarketingQualified, SalesAccepted, SalesQualified] : [MarketingQualified]));
        sources.Moves.Add(Move("L0", Opportunity, Won, "2026-05-02T08:00Z", [Won]));
        var clock = new FakeTimeProvider(s_now);
        await new RebuildFunnel(sources, aggregates, clock).RebuildDaysAsync(new DateOnly(2026, 2, 1), new DateOnly(2026, 5, 31), CancellationToken.None);
        var plan = new PlanMarketing(new QueryKpis(aggregates, new NoSpend(), new DefaultPolicy(), clock), clock);

        var result = await plan.RunAsync(new PlanQuery(100_000m, 0.5, 10_000m, PlanPeriod.Year, null, null, null), CancellationToken.None);

        Assert.Equal((new DateOnly(2025, 6, 16), new DateOnly(2026, 6, 15)), aggregates.RangesRead[^1]);
        Assert.Equal(new PlanRates(new PlanRate(0.4, "measured"), new PlanRate(0.5, "measured"), new PlanRate(0.5, "measured")), result.Rates);
        Assert.Equal(new PlanNeeded(10, 20, 50), result.Needed); // 5 customers ÷ .5 = 10 SQLs ÷ .5 = 20 MQLs ÷ .4 = 50 leads
        Assert.Null(result.SpendNeeded);

        var empty = new PlanMarketing(new QueryKpis(new FakeFunnelAggregates(), new NoSpend(), new DefaultPolicy(), clock), clock);
        var error = await Assert.ThrowsAsync<PlanInputException>(() => empty.RunAsync(new PlanQuery(100_000m, 0.5, 10_000m, PlanPeriod.Year, 0.2, null, 0.3), CancellationToken.None));
        Assert.Equal("mqlToSql", error.Field);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static FunnelMove Move(string leadId, FunnelStage? from, FunnelStage to, string at, FunnelStage[] reached, string? mqlAt = null) =>
        new(leadId, from, to, At(at), reached, null, s_organic, At(at), mqlAt is null ? null : At(mqlAt), 50, null, "points-v1", null);
}
