using System.Globalization;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Domain.Tests.Kpis;

/// <summary>Small builders for the KPI tests: moves, hand-offs and volume rows with only what a test sets.</summary>
internal static class KpiTestData
{
    public static readonly FunnelAttribution PaidSpring = new("paid_search", "spring", "demo", null);
    public static readonly FunnelAttribution Organic = new("organic", null, "demo", null);

    public static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    public static FunnelMove Move(
        string leadId, FunnelStage? from, FunnelStage to, string at, FunnelStage[] reached, FunnelAttribution attribution,
        string? fromEnteredAt = null, string? mqlAt = null, int score = 50, double? probability = null, string model = "points-v1", decimal? amount = null) =>
        new(leadId, from, to, At(at), reached, fromEnteredAt is null ? null : At(fromEnteredAt), attribution, At(at), mqlAt is null ? null : At(mqlAt),
            score, probability, model, amount);

    public static SalesCycle Cycle(
        string leadId, FunnelAttribution attribution, string capturedAt, string handedOffAt, string? dueAt = null, string? answeredAt = null,
        string? breachedAt = null, int followUps = 0, string? followUpsDueAt = null, string? followUpsBreachedAt = null) =>
        new(leadId, attribution, At(capturedAt), At(handedOffAt), Opt(dueAt), Opt(answeredAt), Opt(breachedAt), followUps, Opt(followUpsDueAt),
            Opt(followUpsBreachedAt), null);

    public static FunnelDailyRow Row(string day, KpiDimension dimension, string value, FunnelVolumes volumes, SlaCounts? sla = null) =>
        new(Day(day), dimension, value, volumes, FunnelDailyRow.EmptyTimeInStage(), new DurationHistogram(), new DurationHistogram(), sla ?? SlaCounts.Zero, []);

    public static FunnelVolumes Volumes(int leads = 0, int mqls = 0, int sals = 0, int sqls = 0, int opportunities = 0, int won = 0, int lost = 0) =>
        new(leads, mqls, sals, sqls, opportunities, won, lost, 0, 0, 0m);

    private static DateTimeOffset? Opt(string? text) => text is null ? null : At(text);
}
