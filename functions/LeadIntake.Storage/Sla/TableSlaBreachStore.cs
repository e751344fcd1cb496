using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Sla;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Sla;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Sla;

/// <summary>The <c>SlaBreaches</c> table (<see cref="SlaBreachEntity"/>). Thread-safe.</summary>
public sealed class TableSlaBreachStore(TableServiceClient tables) : ISlaBreachStore
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.SlaBreachesTable);

    /// <inheritdoc />
    /// <remarks>An insert: when two clock runs find the same breach, one insert wins and the other sees 409 and the winner's row.</remarks>
    public async Task<bool> RecordAsync(SlaBreach breach, CancellationToken cancellationToken)
    {
        var row = ToEntity(breach);
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await _table.GetEntityAsync<SlaBreachEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            return stored.Value.AnnouncedAt is null;
        }
    }

    /// <inheritdoc />
    public async Task MarkAnnouncedAsync(SlaBreach breach, DateTimeOffset announcedAt, CancellationToken cancellationToken)
    {
        var row = ToEntity(breach);
        await _table.UpdateEntityAsync(
            new TableEntity(row.PartitionKey, row.RowKey) { [nameof(SlaBreachEntity.AnnouncedAt)] = announcedAt.ToUniversalTime() },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private static SlaBreachEntity ToEntity(SlaBreach breach) => new()
    {
        PartitionKey = LeadEntityMapper.DayKey(breach.DueAt),
        RowKey = breach.BreachId,
        LeadId = breach.LeadId,
        Kind = DeadlineKindCodes.ToCode(breach.Kind),
        DueAt = breach.DueAt.ToUniversalTime(),
        DetectedAt = breach.DetectedAt,
        HandedOffAt = breach.HandedOffAt,
        Owner = breach.Owner,
        Stage = FunnelStageCodes.ToCode(breach.Stage),
        FollowUpCount = breach.FollowUpCount,
        FollowUpsRequired = breach.FollowUpsRequired,
        PolicyVersion = breach.PolicyVersion,
    };
}
