using LeadIntake.Application.Policy;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>Answers a KPI request from the aggregate tables only (<c>FunnelDaily</c>, <c>FunnelCohorts</c>, <c>MarketingSpend</c>), never the raw history.</summary>
/// <remarks>
/// Four reads, in parallel: the range's volume and model rows (a RowKey filter for <c>all</c>, the grouping dimension and
/// the model rows), the model rows of the last <see cref="DriftDays"/> days for drift, the <c>all|all</c> cohorts of the
/// range's months and their spend. Thread-safe.
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
        var policyTask = policies.GetPolicyAsync(cancellationToken).AsTask();
        var daysTask = aggregates.ReadDaysAsync(query.From, query.To, query.GroupBy, cancellationToken);
        var recentTask = aggregates.ReadModelsAsync(today.AddDays(1 - DriftDays), today, cancellationToken);
        var cohortsTask = aggregates.ReadCohortsAsync(fromMonth, toMonth, cancellationToken);
        var spendTask = spend.ReadAsync(fromMonth, toMonth, cancellationToken);
        await Task.WhenAll(policyTask, daysTask, recentTask, cohortsTask, spendTask);

        var days = await daysTask;
        return KpiReportBuilder.Build(new KpiReportInput(
            query.From, query.To, query.GroupBy, query.Period, days.Rows, days.Models, await recentTask, await cohortsTask, await spendTask,
            await policyTask, now, days.AsOf));
    }
}
