using Azure.Data.Tables;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Scoring;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Training;

/// <summary>What closed-loop training reads from storage: each lead's first score and the stages leads reached.</summary>
/// <remarks>
/// Read-only full scans of <c>ScoreSnapshots</c> and <c>StageHistory</c>, for the training CLI's <c>export-training</c>; the
/// function app never calls it. Features come from the snapshot, never from today's <c>Leads</c> row: what was known when the
/// lead was first scored (no leakage). Thread-safe.
/// </remarks>
public sealed class ClosedLoopHistory(TableServiceClient tables)
{
    private readonly TableClient _snapshots = tables.GetTableClient(StorageNames.ScoreSnapshotsTable);
    private readonly TableClient _history = tables.GetTableClient(StorageNames.StageHistoryTable);

    /// <summary>Every lead's earliest <c>ScoreSnapshots</c> row (the lowest RowKey: the first submission's received-at), by lead id.</summary>
    /// <exception cref="FormatException">A snapshot's Features column is not a feature snapshot.</exception>
    public async Task<IReadOnlyDictionary<string, FirstScore>> FirstScoresAsync(CancellationToken cancellationToken)
    {
        var first = new Dictionary<string, ScoreSnapshotEntity>(StringComparer.Ordinal);
        await foreach (var row in _snapshots.QueryAsync<ScoreSnapshotEntity>(cancellationToken: cancellationToken))
        {
            if (!first.TryGetValue(row.PartitionKey, out var seen) || string.CompareOrdinal(row.RowKey, seen.RowKey) < 0)
                first[row.PartitionKey] = row;
        }

        return first.ToDictionary(
            p => p.Key, p => new FirstScore(p.Key, p.Value.ScoredAt, LeadFeatures.ParseJson(p.Value.Features), p.Value.Score, p.Value.ScoringModel),
            StringComparer.Ordinal);
    }

    /// <summary>When each lead first moved to each of <paramref name="stages"/> (from <c>StageHistory</c>), earliest first.</summary>
    public async Task<IReadOnlyList<StageReached>> FirstReachedAsync(IReadOnlyCollection<FunnelStage> stages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var codes = stages.Select(FunnelStageCodes.ToCode).ToHashSet(StringComparer.Ordinal);
        var first = new Dictionary<(string LeadId, string Stage), DateTimeOffset>();
        await foreach (var row in _history.QueryAsync<StageHistoryEntity>(select: ["PartitionKey", nameof(StageChangeRow.ToStage), nameof(StageChangeRow.At)], cancellationToken: cancellationToken))
        {
            if (codes.Contains(row.ToStage) && (!first.TryGetValue((row.PartitionKey, row.ToStage), out var seen) || row.At < seen))
                first[(row.PartitionKey, row.ToStage)] = row.At;
        }

        return [.. first.Select(p => new StageReached(p.Key.LeadId, FunnelStageCodes.Parse(p.Key.Stage), p.Value)).OrderBy(r => r.At).ThenBy(r => r.LeadId, StringComparer.Ordinal)];
    }
}

/// <summary>A lead's first score: the features as they were then.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="ScoredAt">When the score was computed.</param>
/// <param name="Features">The features it was computed from.</param>
/// <param name="Score">The score it got (0–100).</param>
/// <param name="ScoringModel">The model that gave it.</param>
public sealed record FirstScore(string LeadId, DateTimeOffset ScoredAt, LeadFeatures Features, int Score, string ScoringModel);

/// <summary>The first time a lead moved to a stage.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Stage">The stage it moved to.</param>
/// <param name="At">When.</param>
public sealed record StageReached(string LeadId, FunnelStage Stage, DateTimeOffset At);
