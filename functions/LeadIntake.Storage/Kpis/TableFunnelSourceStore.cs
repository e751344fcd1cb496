using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Kpis;
using LeadIntake.Domain.Kpis;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Kpis;

/// <summary>The funnel's source rows on Table storage: a day's <c>StageChangesByDay</c> and <c>SalesCycles</c> partitions, and the <c>FunnelDaysToRebuild</c> marks.</summary>
/// <remarks>
/// A mark is a row with PartitionKey <see cref="MarksPartition"/>, RowKey the day (<c>yyyy-MM-dd</c>) and a MarkedAt
/// column, upserted by the lead store whenever it writes into a day older than yesterday. It is deleted with the ETag
/// it was read with, so a mark rewritten during the rebuild survives for the next run. Thread-safe.
/// </remarks>
public sealed class TableFunnelSourceStore(TableServiceClient tables) : IFunnelSourceStore
{
    /// <summary>The one partition of <c>FunnelDaysToRebuild</c>.</summary>
    public const string MarksPartition = "days";

    private readonly TableClient _byDay = tables.GetTableClient(StorageNames.StageChangesByDayTable);
    private readonly TableClient _cycles = tables.GetTableClient(StorageNames.SalesCyclesTable);
    private readonly TableClient _marks = tables.GetTableClient(StorageNames.FunnelDaysToRebuildTable);

    /// <inheritdoc />
    public async Task<FunnelDaySource> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KpiCalendar.DayKey(day)}");
        var moves = ReadAsync(_byDay.QueryAsync<StageChangeByDayEntity>(filter, cancellationToken: cancellationToken), FunnelEntityMapper.ToMove);
        var cycles = ReadAsync(_cycles.QueryAsync<SalesCycleEntity>(filter, cancellationToken: cancellationToken), FunnelEntityMapper.ToCycle);
        return new FunnelDaySource(await moves, await cycles);
    }

    /// <inheritdoc />
    /// <exception cref="FormatException">A mark's RowKey is not a day.</exception>
    public async Task<IReadOnlyList<FunnelRebuildMark>> ReadMarksAsync(CancellationToken cancellationToken)
    {
        var marks = new List<FunnelRebuildMark>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MarksPartition}");
        await foreach (var row in _marks.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            marks.Add(new FunnelRebuildMark(FunnelEntityMapper.ParseDay(row.RowKey), row.ETag.ToString()));
        return marks;
    }

    /// <inheritdoc />
    public async Task<bool> ConsumeMarkAsync(FunnelRebuildMark mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        try
        {
            await _marks.DeleteEntityAsync(MarksPartition, KpiCalendar.DayKey(mark.Day), new ETag(mark.Version), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // 412: marked again while the day was rebuilt — it stays for the next run. 404: an overlapping run consumed it.
            return false;
        }
    }

    private static async Task<IReadOnlyList<TResult>> ReadAsync<TRow, TResult>(AsyncPageable<TRow> rows, Func<TRow, TResult> map) where TRow : notnull
    {
        var results = new List<TResult>();
        await foreach (var row in rows)
            results.Add(map(row));
        return results;
    }
}
