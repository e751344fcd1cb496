using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>Rebuilds the funnel aggregates of whole UTC days from their source rows, idempotently.</summary>
/// <remarks>
/// A day is recomputed from all of its <c>StageChangesByDay</c> and <c>SalesCycles</c> rows (<see cref="FunnelDayAggregator"/>)
/// and its <c>FunnelDaily</c> partition replaced (rows no longer produced are deleted), so rebuilding a day twice gives
/// the same rows (only <c>RebuiltAt</c> moves). Then every MQL cohort month a rebuilt day contributed to, before or after,
/// is recomputed from all days' contributions. Days run <see cref="Parallelism"/> at a time. Marks are read before and
/// consumed after the rebuild with their version, so a mark written while a day was being rebuilt survives for the next
/// run. Thread-safe; two overlapping runs write the same rows.
/// </remarks>
public sealed class RebuildFunnel(IFunnelSourceStore sources, IFunnelAggregateStore aggregates, TimeProvider timeProvider)
{
    /// <summary>Days rebuilt at once.</summary>
    public const int Parallelism = 8;

    /// <summary>Rebuilds today and yesterday (UTC) and every marked day, then consumes the marks.</summary>
    public async Task<FunnelRebuildResult> RunAsync(CancellationToken cancellationToken)
    {
        var today = KpiCalendar.DayOf(timeProvider.GetUtcNow());
        var marks = await sources.ReadMarksAsync(cancellationToken);
        var days = marks.Select(mark => mark.Day).Append(today.AddDays(-1)).Append(today).Distinct().Order().ToList();
        var result = await RebuildAsync(days, cancellationToken);
        var consumed = 0;
        foreach (var mark in marks)
            consumed += await sources.ConsumeMarkAsync(mark, cancellationToken) ? 1 : 0;
        return result with { MarksConsumed = consumed };
    }

    /// <summary>Rebuilds the days <paramref name="from"/> to <paramref name="to"/> (inclusive) and the cohorts they touch; marks are left alone.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public Task<FunnelRebuildResult> RebuildDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from)
            throw new ArgumentException("'to' must be on or after 'from'.", nameof(to));
        return RebuildAsync([.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)], cancellationToken);
    }

    private async Task<FunnelRebuildResult> RebuildAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        var rebuiltAt = timeProvider.GetUtcNow();
        int moves = 0, cycles = 0, written = 0, deleted = 0;
        var months = new SortedSet<string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (day, ct) =>
        {
            var source = await sources.ReadDayAsync(day, ct);
            var write = await aggregates.ReplaceDayAsync(FunnelDayAggregator.Aggregate(day, source.Moves, source.Cycles), rebuiltAt, ct);
            Interlocked.Add(ref moves, source.Moves.Count);
            Interlocked.Add(ref cycles, source.Cycles.Count);
            Interlocked.Add(ref written, write.RowsWritten);
            Interlocked.Add(ref deleted, write.RowsDeleted);
            lock (months)
                months.UnionWith(write.CohortMonths);
        });

        await Parallel.ForEachAsync(months, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (month, ct) =>
        {
            var contributions = await aggregates.ReadCohortContributionsAsync(month, ct);
            await aggregates.ReplaceCohortsAsync(month, FunnelCohortBuilder.Build(month, contributions), rebuiltAt, ct);
        });

        return new FunnelRebuildResult(days, moves, cycles, written, deleted, [.. months], 0);
    }
}

/// <summary>What one rebuild did, for the log and the benchmark.</summary>
/// <param name="Days">Days rebuilt, oldest first.</param>
/// <param name="MovesRead">Stage moves read.</param>
/// <param name="CyclesRead">Hand-offs read.</param>
/// <param name="RowsWritten">FunnelDaily rows upserted.</param>
/// <param name="RowsDeleted">Stale FunnelDaily rows deleted.</param>
/// <param name="CohortMonths">MQL months whose FunnelCohorts partition was rebuilt, oldest first.</param>
/// <param name="MarksConsumed">Rebuild marks removed.</param>
public sealed record FunnelRebuildResult(
    IReadOnlyList<DateOnly> Days, int MovesRead, int CyclesRead, int RowsWritten, int RowsDeleted, IReadOnlyList<string> CohortMonths, int MarksConsumed)
{
    /// <summary>One readable line for the log.</summary>
    public override string ToString() =>
        $"Funnel rebuild: {Days.Count} day(s), {MovesRead} move(s) and {CyclesRead} hand-off(s) read, {RowsWritten} row(s) written, " +
        $"{RowsDeleted} stale deleted, {CohortMonths.Count} cohort month(s), {MarksConsumed} mark(s) consumed";
}
