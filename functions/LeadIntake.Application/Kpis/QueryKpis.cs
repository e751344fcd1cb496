using LeadIntake.Application.Policy;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>Answers a KPI request from the aggregate tables only (<c>FunnelDaily</c>, <c>FunnelCohorts</c>, <c>MarketingSpend</c>), never the raw history.</summary>
/// <remarks>
/// Reads in parallel: the range's volume and model rows (RowKey filters for <c>all</c>, the grouping dimension and the
/// model rows), the model rows of the last <see cref="DriftDays"/> days for drift (unless the range covers them), the
/// <c>all|all</c> cohorts of the range's months and their spend. Thread-safe.
/// </remarks>
public sealed class QueryKpis(IFunnelAggregateStore aggregates, IMarketingSpendStore spend, IQualificationPolicyProvider policies, TimeProvider timeProvider)
{
    /// <summary>Days of new-lead scores the drift figure compares with the training distribution (up to today, UTC).</summary>
    public const int DriftDays = 30;

    /// <summary>The KPI report of <paramref name="query"/>.</summary>
    /// <exception cref="ArgumentException">The range is unusable (see <see cref="KpiQuery.Problem"/>).</exception>
    public async Task<KpiReport> RunAsync(KpiQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Problem() is { } problem)
            throw new ArgumentException(problem.Message, nameof(query));

        var now = timeProvider.GetUtcNow();
        var today = KpiCalendar.DayOf(now);
        var fromMonth = KpiCalendar.MonthKey(query.From);
        var toMonth = KpiCalendar.MonthKey(query.To);
        var driftFrom = today.AddDays(1 - DriftDays);
        // A range that covers the drift window (the usual "up to today") already holds its model rows: no second read.
        var driftInRange = query.From <= driftFrom && query.To >= today;
        var policyTask = policies.GetPolicyAsync(cancellationToken).AsTask();
        var daysTask = aggregates.ReadDaysAsync(query.From, query.To, query.GroupBy, cancellationToken);
        var recentTask = driftInRange ? null : aggregates.ReadModelsAsync(driftFrom, today, cancellationToken);
        var cohortsTask = aggregates.ReadCohortsAsync(fromMonth, toMonth, cancellationToken);
        var spendTask = spend.ReadAsync(fromMonth, toMonth, cancellationToken);
        await Task.WhenAll(policyTask, daysTask, recentTask ?? Task.CompletedTask, cohortsTask, spendTask);

        var days = await daysTask;
        IReadOnlyList<ModelDailyRow> recent = recentTask is null ? [.. days.Models.Where(m => m.Day >= driftFrom && m.Day <= today)] : await recentTask;
        return KpiReportBuilder.Build(new KpiReportInput(
            query.From, query.To, query.GroupBy, query.Period, days.Rows, days.Models, recent, await cohortsTask, await spendTask,
            await policyTask, now, days.AsOf));
    }
}
