using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using LeadIntake.Storage.Kpis;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Testing;

/// <summary>The <c>StageChangesByDay</c> and <c>SalesCycles</c> rows of funnel moves and hand-offs, as the lead store writes them, for tests and benchmarks that need history without running the pipeline.</summary>
/// <remarks>Keys follow the entities' schemes (the day of the move or hand-off; the lead id and time); the reason, actor and policy columns carry fixed test values.</remarks>
public static class FunnelSourceRows
{
    /// <summary>The <c>StageChangesByDay</c> row of <paramref name="move"/>.</summary>
    public static StageChangeByDayEntity ToEntity(FunnelMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        return new StageChangeByDayEntity
        {
            PartitionKey = LeadEntityMapper.DayKey(move.At),
            RowKey = $"{move.LeadId}_{LeadEntityMapper.TimeKey(move.At)}_{FunnelStageCodes.ToCode(move.To)}",
            LeadId = move.LeadId,
            FromStage = move.From is { } from ? FunnelStageCodes.ToCode(from) : "",
            ToStage = FunnelStageCodes.ToCode(move.To),
            At = move.At,
            Reason = "generated",
            Score = move.Score,
            ScoringModel = move.ScoringModel,
            Actor = StageChange.PipelineActor,
            PolicyVersion = "policy-test",
            Reached = string.Join(' ', move.Reached.Select(FunnelStageCodes.ToCode)),
            FromEnteredAt = move.FromEnteredAt,
            Channel = move.Attribution.Channel,
            Campaign = move.Attribution.Campaign,
            FormId = move.Attribution.Form,
            Owner = move.Attribution.Owner,
            CreatedAt = move.CreatedAt,
            MqlAt = move.MqlAt,
            Probability = move.Probability,
            Amount = move.Amount is { } amount ? (double)amount : null,
        };
    }

    /// <summary>The <c>SalesCycles</c> row of <paramref name="cycle"/>.</summary>
    public static SalesCycleEntity ToEntity(SalesCycle cycle, FunnelStage stage = FunnelStage.SalesQualified)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return new SalesCycleEntity
        {
            PartitionKey = LeadEntityMapper.DayKey(cycle.HandedOffAt),
            RowKey = $"{cycle.LeadId}_{LeadEntityMapper.TimeKey(cycle.HandedOffAt)}",
            LeadId = cycle.LeadId,
            Owner = cycle.Attribution.Owner,
            Channel = cycle.Attribution.Channel,
            Campaign = cycle.Attribution.Campaign,
            FormId = cycle.Attribution.Form,
            Stage = FunnelStageCodes.ToCode(stage),
            CapturedAt = cycle.CapturedAt,
            HandedOffAt = cycle.HandedOffAt,
            ResponseDueAt = cycle.ResponseDueAt,
            FirstResponseAt = cycle.FirstResponseAt,
            FirstResponseBreachedAt = cycle.FirstResponseBreachedAt,
            FollowUpCount = cycle.FollowUpCount,
            FollowUpsDueAt = cycle.FollowUpsDueAt,
            FollowUpBreachedAt = cycle.FollowUpBreachedAt,
            ConnectedAt = cycle.ConnectedAt,
            PolicyVersion = "policy-test",
        };
    }
}
