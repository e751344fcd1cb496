using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>The raw rows the funnel aggregates are rebuilt from: <c>StageChangesByDay</c>, <c>SalesCycles</c> and the <c>FunnelDaysToRebuild</c> marks.</summary>
public interface IFunnelSourceStore
{
    /// <summary>Every stage move and every hand-off of UTC day <paramref name="day"/>.</summary>
    Task<FunnelDaySource> ReadDayAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>The days marked for a rebuild because their rows changed after the day was over.</summary>
    Task<IReadOnlyList<FunnelRebuildMark>> ReadMarksAsync(CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="mark"/> unless it was written again since it was read.</summary>
    /// <returns>False when the mark was rewritten meanwhile (it stays, and the next run rebuilds the day again) or is gone.</returns>
    Task<bool> ConsumeMarkAsync(FunnelRebuildMark mark, CancellationToken cancellationToken);
}

/// <summary>The source rows of one UTC day.</summary>
/// <param name="Moves">The day's stage moves.</param>
/// <param name="Cycles">The day's hand-offs.</param>
public sealed record FunnelDaySource(IReadOnlyList<FunnelMove> Moves, IReadOnlyList<SalesCycle> Cycles);

/// <summary>A day marked for a rebuild.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Version">The mark's version as read (its ETag): consuming it fails once the mark was written again.</param>
public sealed record FunnelRebuildMark(DateOnly Day, string Version);

/// <summary>The aggregate tables: <c>FunnelDaily</c> and <c>FunnelCohorts</c>. KPI requests read only these.</summary>
public interface IFunnelAggregateStore
{
    /// <summary>Makes the day's <c>FunnelDaily</c> partition exactly <paramref name="day"/>'s rows: upserts them, deletes the rest.</summary>
    /// <returns>Counts, and the MQL months of the cohort rows before and after (the cohorts to rebuild).</returns>
    Task<FunnelDayWrite> ReplaceDayAsync(FunnelDay day, DateTimeOffset rebuiltAt, CancellationToken cancellationToken);

    /// <summary>Every day's contribution to MQL cohort <paramref name="month"/> (<c>yyyy-MM</c>), across the month and the 11 after it.</summary>
    Task<IReadOnlyList<CohortContribution>> ReadCohortContributionsAsync(string month, CancellationToken cancellationToken);

    /// <summary>Makes the <c>FunnelCohorts</c> partition of <paramref name="month"/> exactly <paramref name="rows"/>.</summary>
    Task ReplaceCohortsAsync(string month, IReadOnlyList<FunnelCohortRow> rows, DateTimeOffset rebuiltAt, CancellationToken cancellationToken);

    /// <summary>The volume rows (<c>all|all</c> and those of <paramref name="groupBy"/>) and model rows of the days <paramref name="from"/> to <paramref name="to"/>.</summary>
    Task<FunnelAggregates> ReadDaysAsync(DateOnly from, DateOnly to, KpiDimension groupBy, CancellationToken cancellationToken);

    /// <summary>The model rows of the days <paramref name="from"/> to <paramref name="to"/>.</summary>
    Task<IReadOnlyList<ModelDailyRow>> ReadModelsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>The <c>all|all</c> cohort rows of the MQL months <paramref name="fromMonth"/> to <paramref name="toMonth"/> (inclusive).</summary>
    Task<IReadOnlyList<FunnelCohortRow>> ReadCohortsAsync(string fromMonth, string toMonth, CancellationToken cancellationToken);
}

/// <summary>What replacing one day's aggregate rows did.</summary>
/// <param name="RowsWritten">Rows upserted.</param>
/// <param name="RowsDeleted">Stale rows deleted.</param>
/// <param name="CohortMonths">MQL months of the day's cohort rows, before or after: their cohorts need rebuilding.</param>
public sealed record FunnelDayWrite(int RowsWritten, int RowsDeleted, IReadOnlyList<string> CohortMonths);

/// <summary>Aggregate rows of a range of days.</summary>
/// <param name="Rows">Volume rows.</param>
/// <param name="Models">Model rows.</param>
/// <param name="AsOf">The newest rebuild time among the rows read; null without rows.</param>
public sealed record FunnelAggregates(IReadOnlyList<FunnelDailyRow> Rows, IReadOnlyList<ModelDailyRow> Models, DateTimeOffset? AsOf);
