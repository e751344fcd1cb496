using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Processing;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Sla;
using LeadIntake.Storage.Kpis;
using LeadIntake.Storage.Sla;

namespace LeadIntake.Storage.Leads;

/// <summary>Leads, their history, score snapshots, deadlines and hand-off outbox in Azure Table storage.</summary>
/// <remarks>
/// Order of writes, chosen so a retry or redelivery converges: StageHistory, StageChangesByDay and ScoreSnapshots rows
/// first (deterministic keys, upsert-replace, so rewriting them is harmless; a lead's rows in one partition go in one
/// entity-group transaction), then the lead's open deadlines in the Deadlines index, then the Leads row with ETag
/// concurrency (insert, or replace if-match) in one transaction with its outbox row, so the lead is never committed
/// without the hand-off it owes nor with a deadline the SLA clock cannot find. The KPI sources go before the commit too:
/// the SalesCycles row of an open hand-off when it changed, and a FunnelDaysToRebuild mark for any source row written
/// into a day older than yesterday. Thread-safe.
/// </remarks>
public sealed class TableLeadStore(TableServiceClient tables, TimeProvider timeProvider) : ILeadStore
{
    /// <summary>Most actions in one entity-group transaction (the service's limit).</summary>
    public const int MaxTransactionActions = 100;

    private readonly TableClient _leads = tables.GetTableClient(StorageNames.LeadsTable);
    private readonly TableClient _history = tables.GetTableClient(StorageNames.StageHistoryTable);
    private readonly TableClient _byDay = tables.GetTableClient(StorageNames.StageChangesByDayTable);
    private readonly TableClient _snapshots = tables.GetTableClient(StorageNames.ScoreSnapshotsTable);
    private readonly TableClient _salesCycles = tables.GetTableClient(StorageNames.SalesCyclesTable);
    private readonly TableDeadlineIndex _deadlines = new(tables);
    private readonly FunnelDayMarker _funnelDays = new(tables, timeProvider);

    /// <inheritdoc />
    public async Task<StoredLead?> FindAsync(string leadId, CancellationToken cancellationToken)
    {
        var stored = await _leads.GetEntityIfExistsAsync<LeadEntity>(leadId, LeadEntity.ProfileRowKey, cancellationToken: cancellationToken);
        return stored.HasValue ? new StoredLead(LeadEntityMapper.ToLead(stored.Value!), stored.Value!.ETag.ToString()) : null;
    }

    /// <inheritdoc />
    public async Task<bool> TrySaveAsync(
        LeadSubmission submission, LeadProcessingOutcome outcome, StoredLead? basedOn, SalesHandoffMessage? handoff,
        CancellationToken cancellationToken)
    {
        var rows = LeadEntityMapper.ToRows(submission, outcome);
        // An earlier round of this submission that lost a race, or died before its commit (a killed worker or host), may
        // have left rows this round does not produce (it may now merge into a lead another submission created): they are
        // read back by their cause and removed.
        await DeleteStaleRowsOfCauseAsync(submission.LeadId, submission.SubmissionId, rows, cancellationToken);
        await UpsertReplaceAllAsync(_history, rows.History, cancellationToken);
        await UpsertReplaceAllAsync(_byDay, rows.ByDay, cancellationToken);
        await _snapshots.UpsertEntityAsync(rows.Snapshot, TableUpdateMode.Replace, cancellationToken);
        return await TryCommitAsync(outcome.Lead, rows.ByDay, basedOn, handoff, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryUpdateAsync(
        Lead lead, IReadOnlyList<StageChange> changes, string causeId, StoredLead basedOn, SalesHandoffMessage? handoff, CancellationToken cancellationToken)
    {
        var (history, byDay) = LeadEntityMapper.ToChangeRows(lead, changes, causeId);
        await UpsertReplaceAllAsync(_history, history, cancellationToken);
        await UpsertReplaceAllAsync(_byDay, byDay, cancellationToken);
        return await TryCommitAsync(lead, byDay, basedOn, handoff, cancellationToken);
    }

    private async Task<bool> TryCommitAsync(
        Lead lead, IReadOnlyList<StageChangeByDayEntity> byDay, StoredLead? basedOn, SalesHandoffMessage? handoff, CancellationToken cancellationToken)
    {
        // The hand-off's SalesCycles row, only when one of its columns changed (most saves leave it alone).
        var cycle = LeadEntityMapper.ToSalesCycle(lead);
        if (cycle is not null && (basedOn is null || !SameCycle(cycle, LeadEntityMapper.ToSalesCycle(basedOn.Lead))))
            await _salesCycles.UpsertEntityAsync(cycle, TableUpdateMode.Replace, cancellationToken);
        await _funnelDays.MarkAsync([.. byDay.Select(row => row.PartitionKey), .. cycle is null ? [] : new[] { cycle.PartitionKey }], cancellationToken);

        // Only deadlines the stored lead did not have yet: most saves (another submission, an email open) add none.
        var known = basedOn is null ? [] : LeadDeadlines.Of(basedOn.Lead);
        await _deadlines.WriteAsync([.. LeadDeadlines.Of(lead).Except(known)], cancellationToken);
        var row = LeadEntityMapper.ToEntity(lead);
        List<TableTransactionAction> commit =
        [
            basedOn is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(basedOn.Version)),
        ];
        if (handoff is not null)
            commit.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToOutboxEntity(handoff)));

        try
        {
            await _leads.SubmitTransactionAsync(commit, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            // 409 EntityAlreadyExists: another submission created the lead first. 412: it changed since it was read.
            return false;
        }
    }

    /// <inheritdoc />
    public async Task RemoveHandoffAsync(SalesHandoffMessage handoff, CancellationToken cancellationToken)
    {
        try
        {
            await _leads.DeleteEntityAsync(handoff.LeadId, SalesHandoffOutboxEntity.RowKeyFor(handoff.CauseId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already cleared (a concurrent sweep or retry): the goal state.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SalesHandoffMessage>> FindUnsentHandoffsAsync(string leadId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {leadId} and RowKey ge {SalesHandoffOutboxEntity.RowKeyPrefix} and RowKey lt {TableKeys.PrefixEnd(SalesHandoffOutboxEntity.RowKeyPrefix)}");
        var unsent = new List<SalesHandoffMessage>();
        await foreach (var row in _leads.QueryAsync<SalesHandoffOutboxEntity>(filter, cancellationToken: cancellationToken))
            unsent.Add(SalesHandoffMessage.Parse(row.Message));
        return unsent;
    }

    /// <inheritdoc />
    /// <remarks>A scan of the Leads table (no partition filter): run it rarely, as the hand-off sweep does.</remarks>
    public async IAsyncEnumerable<SalesHandoffMessage> FindUnsentHandoffsAsync(
        DateTimeOffset committedBefore, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {SalesHandoffOutboxEntity.RowKeyPrefix} and RowKey lt {TableKeys.PrefixEnd(SalesHandoffOutboxEntity.RowKeyPrefix)} and CommittedAt lt {committedBefore.UtcDateTime}");
        await foreach (var row in _leads.QueryAsync<SalesHandoffOutboxEntity>(filter, cancellationToken: cancellationToken))
            yield return SalesHandoffMessage.Parse(row.Message);
    }

    private SalesHandoffOutboxEntity ToOutboxEntity(SalesHandoffMessage handoff) => new()
    {
        PartitionKey = handoff.LeadId,
        RowKey = SalesHandoffOutboxEntity.RowKeyFor(handoff.CauseId),
        HandoffId = handoff.HandoffId,
        CommittedAt = timeProvider.GetUtcNow(),
        Message = handoff.ToJson(),
    };

    private static bool SameCycle(SalesCycleEntity cycle, SalesCycleEntity? stored) =>
        stored is not null && stored.RowKey == cycle.RowKey && stored.Owner == cycle.Owner && stored.Stage == cycle.Stage
        && stored.ResponseDueAt == cycle.ResponseDueAt && stored.FirstResponseAt == cycle.FirstResponseAt
        && stored.FirstResponseBreachedAt == cycle.FirstResponseBreachedAt && stored.FollowUpCount == cycle.FollowUpCount
        && stored.FollowUpsDueAt == cycle.FollowUpsDueAt && stored.FollowUpBreachedAt == cycle.FollowUpBreachedAt
        && stored.ConnectedAt == cycle.ConnectedAt && stored.PolicyVersion == cycle.PolicyVersion;

    /// <summary>Upsert-replaces <paramref name="rows"/>, one entity-group transaction per partition when it holds several.</summary>
    /// <remarks>A lead's changes share its StageHistory partition and, almost always, one day's partition: one round trip each.</remarks>
    private static async Task UpsertReplaceAllAsync(TableClient table, IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxTransactionActions))
            {
                if (chunk.Length == 1)
                    await table.UpsertEntityAsync(chunk[0], TableUpdateMode.Replace, cancellationToken);
                else
                    await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
            }
        }
    }

    /// <summary>Deletes this cause's StageHistory rows (and their StageChangesByDay mirrors) that <paramref name="current"/> does not write.</summary>
    /// <remarks>
    /// One query of the lead's own history partition, filtered on <see cref="StageHistoryEntity.Cause"/>: the history row is
    /// how a mirror is found, so the mirror goes first. A worker killed between the two deletes leaves the history row, which
    /// the next round finds and removes; the other order would leave a mirror nothing leads back to.
    /// </remarks>
    private async Task DeleteStaleRowsOfCauseAsync(string leadId, string causeId, LeadRows current, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {leadId} and Cause eq {causeId}");
        var written = new List<StageHistoryEntity>();
        try
        {
            await foreach (var row in _history.QueryAsync<StageHistoryEntity>(filter, select: ["PartitionKey", "RowKey", nameof(StageChangeRow.At)], cancellationToken: cancellationToken))
                written.Add(row);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return; // No history table yet: nothing stale.
        }

        foreach (var row in written.Where(w => !current.History.Any(c => c.RowKey == w.RowKey)))
        {
            var (day, key) = LeadEntityMapper.ByDayKeyOf(row);
            await DeleteIfExistsAsync(_byDay, day, key, cancellationToken);
            await DeleteIfExistsAsync(_history, row.PartitionKey, row.RowKey, cancellationToken);
        }
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: the goal state.
        }
    }
}
