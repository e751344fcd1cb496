using System.Text.Json;
using Azure;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Pipeline.Entities;
using LeadIntake.Functions.Scoring;
using LeadIntake.Storage;
using LeadIntake.Storage.Queues;
using LeadIntake.Storage.Tables;

namespace LeadIntake.Functions.Pipeline;

/// <summary>
/// The ProcessLead step: merge a captured submission into its lead, score it, stage it and record the changes.
/// Called by the host's queue trigger (<c>POST /ProcessLead</c>) and by the local queue listener alike.
/// </summary>
/// <remarks>
/// Order of writes, chosen so a retry or redelivery converges: StageHistory, StageChangesByDay and ScoreSnapshots
/// rows first (deterministic keys, upsert-replace, so rewriting them is harmless; a lead's rows in one partition go in
/// one entity-group transaction), then the Leads row with ETag
/// concurrency (insert, or replace if-match). The lead row remembers the submission id, so once it is committed a
/// redelivered message is a no-op. When the commit loses a race (409/412) the lead is re-read and the merge redone,
/// removing rows of the lost round that the new round no longer produces. The sales hand-off is sent after the commit.
/// Thread-safe.
/// </remarks>
public sealed class ProcessLeadStep(StorageClients storage, IScorerProvider scorers, TimeProvider timeProvider, ILogger<ProcessLeadStep> logger)
{
    /// <summary>Read-merge-write rounds tried before a contended lead fails the message (the queue then retries it).</summary>
    public const int MaxCommitAttempts = 8;

    private readonly TableClient _leads = storage.Tables.GetTableClient(StorageNames.LeadsTable);
    private readonly TableClient _history = storage.Tables.GetTableClient(StorageNames.StageHistoryTable);
    private readonly TableClient _byDay = storage.Tables.GetTableClient(StorageNames.StageChangesByDayTable);
    private readonly TableClient _snapshots = storage.Tables.GetTableClient(StorageNames.ScoreSnapshotsTable);
    private readonly QueueClient _salesHandoff = storage.Queues.GetQueueClient(StorageNames.SalesHandoffQueue);

    /// <summary>Processes one <c>lead-captured</c> message.</summary>
    /// <exception cref="MalformedMessageException">The message is not a valid submission; it will be retried and then poisoned.</exception>
    /// <exception cref="RequestFailedException">Storage failed, or the lead stayed contended for <see cref="MaxCommitAttempts"/> rounds.</exception>
    public async Task<ProcessLeadResult> RunAsync(string messageText, CancellationToken cancellationToken = default)
    {
        var submission = LeadSubmissionMessage.Deserialize(messageText);
        var active = await scorers.GetScorerAsync(cancellationToken);
        LeadRows? previousRound = null;

        for (var attempt = 1; ; attempt++)
        {
            var stored = await _leads.GetEntityIfExistsAsync<LeadEntity>(submission.LeadId, LeadEntity.ProfileRowKey, cancellationToken: cancellationToken);
            var current = stored.HasValue ? LeadEntityMapper.ToLead(stored.Value!) : null;
            var outcome = LeadProcessor.Process(current, submission, active.Scorer, active.Thresholds, timeProvider.GetUtcNow());
            if (outcome.AlreadyProcessed)
                return Result(submission, outcome, alreadyProcessed: true, attempt);

            var rows = LeadEntityMapper.ToRows(submission, outcome);
            if (previousRound is not null)
                await DeleteRowsNotInAsync(previousRound, rows, cancellationToken);
            await WriteRowsAsync(rows, cancellationToken);

            try
            {
                var entity = LeadEntityMapper.ToEntity(outcome.Lead);
                if (stored.HasValue)
                    await _leads.UpdateEntityAsync(entity, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else
                    await _leads.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxCommitAttempts)
            {
                logger.LogDebug("Lead {LeadId} changed concurrently (attempt {Attempt}); merging again", submission.LeadId, attempt);
                previousRound = rows;
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
                continue;
            }

            if (outcome.EnteredSalesQualified)
                await SendHandoffAsync(submission, outcome, cancellationToken);
            return Result(submission, outcome, alreadyProcessed: false, attempt);
        }
    }

    private async Task WriteRowsAsync(LeadRows rows, CancellationToken cancellationToken)
    {
        await UpsertReplaceAllAsync(_history, rows.History, cancellationToken);
        await UpsertReplaceAllAsync(_byDay, rows.ByDay, cancellationToken);
        await _snapshots.UpsertEntityAsync(rows.Snapshot, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Upsert-replaces <paramref name="rows"/>, one entity-group transaction per partition when it holds several.</summary>
    /// <remarks>A lead's changes share its StageHistory partition and, almost always, one day's partition: one round trip each.</remarks>
    private static async Task UpsertReplaceAllAsync(TableClient table, IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(TableClient.MaxTransactionActions))
            {
                if (chunk.Length == 1)
                    await table.UpsertEntityAsync(chunk[0], TableUpdateMode.Replace, cancellationToken);
                else
                    await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
            }
        }
    }

    private async Task DeleteRowsNotInAsync(LeadRows previous, LeadRows current, CancellationToken cancellationToken)
    {
        foreach (var row in previous.History.Where(p => !current.History.Any(c => c.PartitionKey == p.PartitionKey && c.RowKey == p.RowKey)))
            await DeleteIfExistsAsync(_history, row.PartitionKey, row.RowKey, cancellationToken);
        foreach (var row in previous.ByDay.Where(p => !current.ByDay.Any(c => c.PartitionKey == p.PartitionKey && c.RowKey == p.RowKey)))
            await DeleteIfExistsAsync(_byDay, row.PartitionKey, row.RowKey, cancellationToken);
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

    private async Task SendHandoffAsync(LeadSubmission submission, LeadProcessingOutcome outcome, CancellationToken cancellationToken)
    {
        var lead = outcome.Lead;
        var message = new SalesHandoffMessage(
            SalesHandoffMessage.CurrentVersion, lead.LeadId, submission.SubmissionId, lead.Email, lead.FirstName, lead.LastName, lead.Company,
            lead.Score, lead.Grade, lead.ScoringModel, lead.StageEnteredAt ?? submission.ReceivedAt);
        await _salesHandoff.SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web), cancellationToken: cancellationToken);
    }

    private static ProcessLeadResult Result(LeadSubmission submission, LeadProcessingOutcome outcome, bool alreadyProcessed, int attempts) =>
        new(submission.LeadId, submission.SubmissionId, alreadyProcessed, FunnelStageCodes.ToCode(outcome.Lead.Stage),
            outcome.Lead.Score, alreadyProcessed ? 0 : outcome.Changes.Count, attempts);
}
