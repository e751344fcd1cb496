using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Capture;

namespace LeadIntake.Storage.Capture;

/// <summary>Spam counts in the <c>SpamDaily</c> table (<see cref="SpamDailyEntity"/>). Thread-safe; safe with several instances.</summary>
/// <remarks>
/// Each count is added with an optimistic read-modify-write: read the row, then insert it when absent (409 if another
/// instance inserted first) or replace it on its ETag (412 if another instance updated it meanwhile); either conflict
/// reads again and retries, up to <see cref="MaxAttempts"/> times. Adding never loses another instance's addition.
/// </remarks>
public sealed class TableSpamCountStore(TableServiceClient tables) : ISpamCountStore
{
    /// <summary>Read-modify-write rounds tried for one row before the conflict is thrown (the counts stay in the log for the next flush).</summary>
    public const int MaxAttempts = 10;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.SpamDailyTable);

    /// <inheritdoc />
    public async Task AddAsync(SpamCount count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(count);
        var partitionKey = SpamDailyEntity.PartitionKeyFor(count.Day);
        var rowKey = SpamDailyEntity.RowKeyFor(count.FormId, count.Reason);
        var lastAt = count.LastAt.ToUniversalTime();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var found = await _table.GetEntityIfExistsAsync<SpamDailyEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
                if (found.HasValue && found.Value is { } row)
                {
                    row.Count += count.Count;
                    if (lastAt > row.LastAt)
                        row.LastAt = lastAt;
                    await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(new SpamDailyEntity
                    {
                        PartitionKey = partitionKey,
                        RowKey = rowKey,
                        Form = count.FormId,
                        Reason = count.Reason,
                        Count = count.Count,
                        LastAt = lastAt,
                    }, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // 409: another instance inserted the row first; 412: it updated the row since we read it. Read again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }
}
