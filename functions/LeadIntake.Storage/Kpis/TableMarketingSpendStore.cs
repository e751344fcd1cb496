using Azure.Data.Tables;
using LeadIntake.Application.Kpis;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Storage.Kpis;

/// <summary>The <c>MarketingSpend</c> table (<see cref="MarketingSpendEntity"/>). Thread-safe.</summary>
public sealed class TableMarketingSpendStore(TableServiceClient tables) : IMarketingSpendStore
{
    // A table transaction holds at most 100 operations, all in one partition.
    private const int MaxBatch = 100;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.MarketingSpendTable);

    /// <inheritdoc />
    /// <remarks>One transaction per month (and per 100 rows): a month's rows are replaced together or not at all.</remarks>
    public async Task UpsertAsync(IReadOnlyList<MarketingSpend> spend, CancellationToken cancellationToken)
    {
        foreach (var month in spend.Select(MarketingSpendEntity.From).GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
        {
            // The last of repeated rows wins, as it would with one upsert after another.
            var rows = month.GroupBy(row => row.RowKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            foreach (var chunk in rows.Chunk(MaxBatch))
                await _table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }
    }

    /// <inheritdoc />
    /// <remarks>Rows a person typed that are not usable (see <see cref="MarketingSpendEntity.ToSpend"/>) are left out.</remarks>
    public async Task<IReadOnlyList<MarketingSpend>> ReadAsync(string fromMonth, string toMonth, CancellationToken cancellationToken)
    {
        var found = new List<MarketingSpend>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {fromMonth} and PartitionKey le {toMonth}");
        await foreach (var row in _table.QueryAsync<MarketingSpendEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.ToSpend() is { } spend)
                found.Add(spend);
        }

        return found;
    }
}
