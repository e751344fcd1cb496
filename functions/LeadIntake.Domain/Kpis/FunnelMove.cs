using LeadIntake.Domain.Funnel;

namespace LeadIntake.Domain.Kpis;

/// <summary>One stage move as the KPIs read it: a <c>StageChangesByDay</c> row.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="From">The stage before, or null for a new lead.</param>
/// <param name="To">The stage after.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reached">
/// The main-line stages (Lead, MQL, SAL, SQL, Opportunity, Won) this move reached for the first time, in funnel order:
/// <c>[Lead]</c> for a new lead, <c>[MQL, SAL, SQL]</c> for a fast track from Lead to SQL, empty for a move back or sideways.
/// A lead counts once per stage, however often it re-enters it.
/// </param>
/// <param name="FromEnteredAt">When the lead entered <paramref name="From"/>: time in that stage is <paramref name="At"/> minus it.</param>
/// <param name="Attribution">Channel, campaign, form and owner at the move.</param>
/// <param name="CreatedAt">When the lead was first captured.</param>
/// <param name="MqlAt">When the lead first reached MQL (its cohort), as of after the move; null if it has not.</param>
/// <param name="Score">The fit score at the move.</param>
/// <param name="Probability">The trained model's calibrated probability behind <paramref name="Score"/>; null under the points model.</param>
/// <param name="ScoringModel">The model version behind <paramref name="Score"/>.</param>
/// <param name="Amount">The deal's amount (on moves to Opportunity and Won), else null.</param>
public sealed record FunnelMove(
    string LeadId,
    FunnelStage? From,
    FunnelStage To,
    DateTimeOffset At,
    IReadOnlyList<FunnelStage> Reached,
    DateTimeOffset? FromEnteredAt,
    FunnelAttribution Attribution,
    DateTimeOffset CreatedAt,
    DateTimeOffset? MqlAt,
    int Score,
    double? Probability,
    string ScoringModel,
    decimal? Amount);
