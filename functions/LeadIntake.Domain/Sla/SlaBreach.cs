using System.Globalization;
using LeadIntake.Domain.Funnel;

namespace LeadIntake.Domain.Sla;

/// <summary>A missed sales SLA deadline, recorded once per lead, kind and deadline.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Kind"><see cref="DeadlineKind.FirstResponse"/> or <see cref="DeadlineKind.FollowUps"/>.</param>
/// <param name="DueAt">The missed deadline.</param>
/// <param name="DetectedAt">When the clock found it missed.</param>
/// <param name="HandedOffAt">When the lead was handed over.</param>
/// <param name="Owner">The lead's sales owner, when routed.</param>
/// <param name="Stage">The lead's stage when found.</param>
/// <param name="FollowUpCount">Counted follow-ups by then.</param>
/// <param name="FollowUpsRequired">Follow-ups the policy requires.</param>
/// <param name="PolicyVersion">The policy whose deadline was missed.</param>
public sealed record SlaBreach(
    string LeadId, DeadlineKind Kind, DateTimeOffset DueAt, DateTimeOffset DetectedAt, DateTimeOffset? HandedOffAt, string? Owner,
    FunnelStage Stage, int FollowUpCount, int FollowUpsRequired, string PolicyVersion)
{
    /// <summary>The same for every detection of this breach: <c>{leadId}_{kind}_{due yyyyMMddTHHmmssZ}</c>; consumers drop repeats by it.</summary>
    public string BreachId => $"{LeadId}_{DeadlineKindCodes.ToCode(Kind)}_{DueAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
}
