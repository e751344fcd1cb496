using System.Diagnostics.CodeAnalysis;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Leads;

/// <summary>What processing one submission did: the lead to store, the stage changes to append, the score.</summary>
/// <param name="Lead">The lead to store (the unchanged input when <paramref name="AlreadyProcessed"/>).</param>
/// <param name="Changes">Stage changes in order; each <see cref="StageChange.Sequence"/> is its index.</param>
/// <param name="Score">The new score; null when <paramref name="AlreadyProcessed"/>.</param>
/// <param name="Features">The features the score was computed from (store them with it); null when <paramref name="AlreadyProcessed"/>.</param>
/// <param name="AlreadyProcessed">The submission was merged before (a redelivered message): store nothing.</param>
/// <param name="IsNewLead">No lead existed for this email before.</param>
/// <param name="HandedOff">This submission handed the lead to sales: a <c>sales-handoff</c> message is due.</param>
public sealed record LeadProcessingOutcome(
    Lead Lead, IReadOnlyList<StageChange> Changes, LeadScore? Score, LeadFeatures? Features, bool AlreadyProcessed, bool IsNewLead, bool HandedOff)
{
    /// <summary>True when there is a score to store (the submission was not already processed).</summary>
    [MemberNotNullWhen(true, nameof(Score), nameof(Features))]
    public bool HasScore => Score is not null && Features is not null;
}
