using LeadIntake.Application.Kpis;
using LeadIntake.Application.Policy;
using LeadIntake.Domain.Kpis;
using LeadIntake.Domain.Policy;

namespace LeadIntake.Application.Tests.Kpis;

/// <summary>In-memory funnel sources: moves and hand-offs by day, and marks with a version that changes when rewritten.</summary>
internal sealed class FakeFunnelSources : IFunnelSourceStore
{
    public List<FunnelMove> Moves { get; } = [];

    public Dictionary<DateOnly, int> Marks { get; } = [];

    public List<DateOnly> DaysRead { get; } = [];

    public Task<FunnelDaySource> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        lock (DaysRead)
            DaysRead.Add(day);
        return Task.FromResult(new FunnelDaySource([.. Moves.Where(m => KpiCalendar.DayOf(m.At) == day)], []));
    }

    public Task<IReadOnlyList<FunnelRebuildMark>> ReadMarksAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FunnelRebuildMark>>([.. Marks.Select(m => new FunnelRebuildMark(m.Key, m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);

    public Task<bool> ConsumeMarkAsync(FunnelRebuildMark mark, CancellationToken cancellationToken)
    {
        var current = Marks.TryGetValue(mark.Day, out var version) && version.ToString(System.Globalization.CultureInfo.InvariantCulture) == mark.Version;
        if (current)
            Marks.Remove(mark.Day);
        return Task.FromResult(current);
    }
}

/// <summary>In-memory aggregate tables: day rows and cohort rows as last replaced.</summary>
internal sealed class FakeFunnelAggregates : IFunnelAggregateStore
{
    private readonly Lock _gate = new();

    public Dictionary<DateOnly, FunnelDay> Days { get; } = [];

    public Dictionary<string, IReadOnlyList<FunnelCohortRow>> Cohorts { get; } = [];

    public List<(DateOnly From, DateOnly To)> RangesRead { get; } = [];

    public Task<FunnelDayWrite> ReplaceDayAsync(FunnelDay day, DateTimeOffset rebuiltAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var before = Days.TryGetValue(day.Day, out var old) ? old.Cohorts.Select(c => c.CohortMonth) : [];
            Days[day.Day] = day;
            return Task.FromResult(new FunnelDayWrite(day.Rows.Count, 0, [.. before.Concat(day.Cohorts.Select(c => c.CohortMonth)).Distinct().Order()]));
        }
    }

    public Task<IReadOnlyList<CohortContribution>> ReadCohortContributionsAsync(string month, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<CohortContribution>>([.. Days.Values.SelectMany(d => d.Cohorts).Where(c => c.CohortMonth == month)]);
    }

    public Task ReplaceCohortsAsync(string month, IReadOnlyList<FunnelCohortRow> rows, DateTimeOffset rebuiltAt, CancellationToken cancellationToken)
    {
        lock (_gate)
            Cohorts[month] = rows;
        return Task.CompletedTask;
    }

    public Task<FunnelAggregates> ReadDaysAsync(DateOnly from, DateOnly to, KpiDimension groupBy, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            RangesRead.Add((from, to));
            var days = Days.Values.Where(d => d.Day >= from && d.Day <= to).ToList();
            return Task.FromResult(new FunnelAggregates(
                [.. days.SelectMany(d => d.Rows).Where(r => r.Dimension == KpiDimension.All || r.Dimension == groupBy)], [.. days.SelectMany(d => d.Models)], null));
        }
    }

    public Task<IReadOnlyList<ModelDailyRow>> ReadModelsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ModelDailyRow>>([.. Days.Values.Where(d => d.Day >= from && d.Day <= to).SelectMany(d => d.Models)]);
    }

    public Task<IReadOnlyList<FunnelCohortRow>> ReadCohortsAsync(string fromMonth, string toMonth, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<FunnelCohortRow>>(
                [.. Cohorts.Where(c => string.CompareOrdinal(c.Key, fromMonth) >= 0 && string.CompareOrdinal(c.Key, toMonth) <= 0).SelectMany(c => c.Value).Where(r => r.Dimension == KpiDimension.All)]);
        }
    }
}

/// <summary>No spend recorded.</summary>
internal sealed class NoSpend : IMarketingSpendStore
{
    public Task UpsertAsync(IReadOnlyList<MarketingSpend> spend, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<MarketingSpend>> ReadAsync(string fromMonth, string toMonth, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MarketingSpend>>([]);
}

/// <summary>The built-in policy.</summary>
internal sealed class DefaultPolicy : IQualificationPolicyProvider
{
    public ValueTask<QualificationPolicy> GetPolicyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(QualificationPolicy.Default);
}
