using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Kpis;
using LeadIntake.Domain.Kpis;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Kpis;

/// <summary>The aggregate tables <c>FunnelDaily</c> and <c>FunnelCohorts</c> on Table storage.</summary>
/// <remarks>
/// A partition is replaced by upserting (replace) every new row and deleting every old row not produced again, in
/// entity-group transactions of at most <see cref="TableLeadStore.MaxTransactionActions"/> actions. Reads filter by
/// PartitionKey range and RowKey prefix (<see cref="FunnelRowKeys"/>), so a KPI request reads only the rows it shows. Thread-safe.
/// </remarks>
public sealed class TableFunnelAggregateStore(TableServiceClient tables) : IFunnelAggregateStore
{
    /// <summary>Most days one query of <see cref="ReadDaysAsync"/> covers: a quarter.</summary>
    public const int StretchDays = 92;

    private readonly TableClient _daily = tables.GetTableClient(StorageNames.FunnelDailyTable);
    private readonly TableClient _cohorts = tables.GetTableClient(StorageNames.FunnelCohortsTable);

    /// <inheritdoc />
    public async Task<FunnelDayWrite> ReplaceDayAsync(FunnelDay day, DateTimeOffset rebuiltAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        var rows = day.Rows.Select(row => (ITableEntity)FunnelEntityMapper.ToEntity(row, rebuiltAt))
            .Concat(day.Cohorts.Select(c => FunnelEntityMapper.ToEntity(c, rebuiltAt)))
            .Concat(day.Models.Select(m => FunnelEntityMapper.ToEntity(m, rebuiltAt)))
            .ToList();
        var (existing, deleted) = await ReplacePartitionAsync(_daily, KpiCalendar.DayKey(day.Day), rows, cancellationToken);
        var months = existing.Select(FunnelRowKeys.CohortMonthOf).OfType<string>().Concat(day.Cohorts.Select(c => c.CohortMonth))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new FunnelDayWrite(rows.Count, deleted, [.. months]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CohortContribution>> ReadCohortContributionsAsync(string month, CancellationToken cancellationToken)
    {
        var first = KpiCalendar.MonthStart(month);
        var prefix = FunnelRowKeys.CohortMonthPrefix(month);
        var filter = PrefixFilter(prefix) + " and " + TableClient.CreateQueryFilter(
            $"PartitionKey ge {KpiCalendar.DayKey(first)} and PartitionKey lt {KpiCalendar.DayKey(first.AddMonths(FunnelCohortRow.Lags))}");
        var contributions = new List<CohortContribution>();
        await foreach (var row in _daily.QueryAsync<FunnelCohortContributionEntity>(filter, cancellationToken: cancellationToken))
            contributions.Add(FunnelEntityMapper.ToContribution(row));
        return contributions;
    }

    /// <inheritdoc />
    public async Task ReplaceCohortsAsync(string month, IReadOnlyList<FunnelCohortRow> rows, DateTimeOffset rebuiltAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await ReplacePartitionAsync(_cohorts, month, [.. rows.Select(row => (ITableEntity)FunnelEntityMapper.ToEntity(row, rebuiltAt))], cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The days are read in stretches of at most <see cref="StretchDays"/> days at once, each query's RowKey conditions
    /// before its PartitionKey range: a long range then costs about as long as its longest stretch (Azurite evaluates the
    /// filter on every row of the table, once per page of 1,000).
    /// </remarks>
    public async Task<FunnelAggregates> ReadDaysAsync(DateOnly from, DateOnly to, KpiDimension groupBy, CancellationToken cancellationToken)
    {
        var prefixes = new[] { FunnelRowKeys.DimensionPrefix(KpiDimension.All), FunnelRowKeys.DimensionPrefix(groupBy) }.Distinct(StringComparer.Ordinal);
        var keys = $"({string.Join(" or ", prefixes.Select(PrefixFilter))})";
        var models = ReadModelsAsync(from, to, cancellationToken);
        var stretches = await Task.WhenAll(Stretches(from, to).Select(async stretch =>
        {
            var rows = new List<FunnelDailyRow>();
            DateTimeOffset? asOf = null;
            await foreach (var row in _daily.QueryAsync<FunnelDailyEntity>($"{keys} and {DayRange(stretch.From, stretch.To)}", cancellationToken: cancellationToken))
            {
                rows.Add(FunnelEntityMapper.ToRow(row));
                asOf = asOf is { } newest && newest >= row.RebuiltAt ? newest : row.RebuiltAt;
            }

            return (Rows: rows, AsOf: asOf);
        }));

        return new FunnelAggregates([.. stretches.SelectMany(s => s.Rows)], await models, stretches.Max(s => s.AsOf));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelDailyRow>> ReadModelsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var models = new List<ModelDailyRow>();
        await foreach (var row in _daily.QueryAsync<FunnelModelEntity>($"{PrefixFilter(FunnelRowKeys.ModelPrefix)} and {DayRange(from, to)}", cancellationToken: cancellationToken))
            models.Add(FunnelEntityMapper.ToModel(row));
        return models;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FunnelCohortRow>> ReadCohortsAsync(string fromMonth, string toMonth, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {fromMonth} and PartitionKey le {toMonth} and RowKey eq {FunnelRowKeys.Volume(KpiDimension.All, "all")}");
        var cohorts = new List<FunnelCohortRow>();
        await foreach (var row in _cohorts.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            cohorts.Add(FunnelEntityMapper.ToCohort(row));
        return cohorts;
    }

    private static IEnumerable<(DateOnly From, DateOnly To)> Stretches(DateOnly from, DateOnly to)
    {
        for (var start = from; start <= to; start = start.AddDays(StretchDays))
            yield return (start, start.AddDays(StretchDays - 1) < to ? start.AddDays(StretchDays - 1) : to);
    }

    private static string PrefixFilter(string prefix) =>
        TableClient.CreateQueryFilter($"(RowKey ge {prefix} and RowKey lt {TableKeys.PrefixEnd(prefix)})");

    private static string DayRange(DateOnly from, DateOnly to) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {KpiCalendar.DayKey(from)} and PartitionKey le {KpiCalendar.DayKey(to)}");

    /// <summary>Makes partition <paramref name="partitionKey"/> exactly <paramref name="rows"/>; returns the RowKeys it had before and how many were deleted.</summary>
    private static async Task<(IReadOnlyList<string> Existing, int Deleted)> ReplacePartitionAsync(
        TableClient table, string partitionKey, IReadOnlyList<ITableEntity> rows, CancellationToken cancellationToken)
    {
        var existing = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            existing.Add(row.RowKey);

        var keep = rows.Select(row => row.RowKey).ToHashSet(StringComparer.Ordinal);
        var stale = existing.Where(key => !keep.Contains(key)).ToList();
        var actions = rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))
            .Concat(stale.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, key), ETag.All)));
        foreach (var chunk in actions.Chunk(TableLeadStore.MaxTransactionActions))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // An overlapping rebuild deleted a stale row first: redo this chunk one action at a time, a missing row being the goal.
                foreach (var action in chunk)
                    await SubmitOneAsync(table, action, cancellationToken);
            }
        }

        return (existing, stale.Count);
    }

    private static async Task SubmitOneAsync(TableClient table, TableTransactionAction action, CancellationToken cancellationToken)
    {
        if (action.ActionType != TableTransactionActionType.Delete)
        {
            await table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        try
        {
            await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }
}
