using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Sla;
using LeadIntake.Domain.Sla;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Sla;

/// <summary>The <c>Deadlines</c> index (<see cref="DeadlineEntity"/>) on Table storage. Thread-safe.</summary>
public sealed class TableDeadlineIndex(TableServiceClient tables) : IDeadlineIndex
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.DeadlinesTable);

    /// <summary>The index row of <paramref name="deadline"/>.</summary>
    public static DeadlineEntity ToEntity(LeadDeadline deadline) => new()
    {
        PartitionKey = LeadEntityMapper.DayKey(deadline.DueAt),
        RowKey = $"{LeadEntityMapper.TimeKey(deadline.DueAt)}_{deadline.LeadId}_{DeadlineKindCodes.ToCode(deadline.Kind)}",
        LeadId = deadline.LeadId,
        Kind = DeadlineKindCodes.ToCode(deadline.Kind),
        DueAt = deadline.DueAt.ToUniversalTime(),
    };

    /// <inheritdoc />
    /// <remarks>Two range reads: earlier days' partitions (leftovers of failed runs; usually empty), then today's rows up to now.</remarks>
    public async Task<DueDeadlines> FindDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = LeadEntityMapper.DayKey(now);
        var upTo = LeadEntityMapper.TimeKey(now) + "~"; // '~' sorts after every character of the id and kind that follow the time
        var filters = new[]
        {
            TableClient.CreateQueryFilter($"PartitionKey lt {today}"),
            TableClient.CreateQueryFilter($"PartitionKey eq {today} and RowKey le {upTo}"),
        };
        var due = new List<LeadDeadline>();
        var read = 0;
        foreach (var filter in filters)
        {
            await foreach (var row in _table.QueryAsync<DeadlineEntity>(filter, cancellationToken: cancellationToken))
            {
                read++;
                if (row.DueAt <= now)
                    due.Add(new LeadDeadline(row.LeadId, DeadlineKindCodes.Parse(row.Kind), row.DueAt));
            }
        }

        return new DueDeadlines([.. due.OrderBy(d => d.DueAt)], read);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(LeadDeadline deadline, CancellationToken cancellationToken)
    {
        var row = ToEntity(deadline);
        try
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already removed by an overlapping run: the goal state.
        }
    }

    /// <summary>Writes the index rows of <paramref name="deadlines"/> (upsert: rewriting one is harmless).</summary>
    internal async Task WriteAsync(IReadOnlyList<LeadDeadline> deadlines, CancellationToken cancellationToken)
    {
        foreach (var deadline in deadlines)
            await _table.UpsertEntityAsync(ToEntity(deadline), TableUpdateMode.Replace, cancellationToken);
    }
}
