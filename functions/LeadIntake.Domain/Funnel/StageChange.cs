namespace LeadIntake.Domain.Funnel;

/// <summary>One recorded move of a lead through the funnel: a row of <c>StageHistory</c>.</summary>
/// <param name="From">The stage before, or null when the lead entered the funnel.</param>
/// <param name="To">The stage after.</param>
/// <param name="At">When the move happened (UTC); for pipeline moves, the submission's received-at.</param>
/// <param name="Reason">Why, readable by a marketer ("score 72 ≥ SQL threshold 70 (points-v1)").</param>
/// <param name="Score">The lead's score (0–100) at the move.</param>
/// <param name="ScoringModel">The version of the model that produced <paramref name="Score"/>.</param>
/// <param name="Actor">Who moved it: <see cref="PipelineActor"/> or a person/system name.</param>
/// <param name="Sequence">
/// Position of this change among those produced by one processing step (0, 1, …), so storage can build a
/// deterministic, sortable row key: a redelivered message yields the same keys.
/// </param>
public sealed record StageChange(
    FunnelStage? From,
    FunnelStage To,
    DateTimeOffset At,
    string Reason,
    int Score,
    string ScoringModel,
    string Actor,
    int Sequence = 0)
{
    /// <summary>The actor recorded for automatic moves made by the intake pipeline.</summary>
    public const string PipelineActor = "pipeline";

    /// <summary>The name of the policy rule that fired, when a rule made the move.</summary>
    public string? Rule { get; init; }

    /// <summary>The qualification policy version in force at the move.</summary>
    public string PolicyVersion { get; init; } = string.Empty;

    /// <summary>The main-line stages this move reached for the first time, in funnel order (<see cref="FunnelMilestones.Reach"/>); <c>[Lead]</c> for a new lead.</summary>
    public IReadOnlyList<FunnelStage> Reached { get; init; } = [];

    /// <summary>When the lead entered <see cref="From"/>: the time it spent there ends at <see cref="At"/>.</summary>
    public DateTimeOffset? FromEnteredAt { get; init; }

    /// <summary>Value equality, <see cref="Reached"/> compared element by element.</summary>
    public bool Equals(StageChange? other) =>
        other is not null && From == other.From && To == other.To && At == other.At && Reason == other.Reason && Score == other.Score
        && ScoringModel == other.ScoringModel && Actor == other.Actor && Sequence == other.Sequence && Rule == other.Rule
        && PolicyVersion == other.PolicyVersion && Reached.SequenceEqual(other.Reached) && FromEnteredAt == other.FromEnteredAt;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(From, To, At, Reason, Sequence, Rule);
}
