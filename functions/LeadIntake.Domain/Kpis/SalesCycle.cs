namespace LeadIntake.Domain.Kpis;

/// <summary>One hand-off to sales and how sales answered it: a <c>SalesCycles</c> row, kept as the lead's state was last saved in that cycle.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Attribution">Channel, campaign, form and the owner the lead was routed to.</param>
/// <param name="CapturedAt">When the lead was first captured (speed to lead starts here).</param>
/// <param name="HandedOffAt">When it was handed to sales.</param>
/// <param name="ResponseDueAt">When the first response was due, or null without an SLA.</param>
/// <param name="FirstResponseAt">The first contact, or null.</param>
/// <param name="FirstResponseBreachedAt">When the SLA clock recorded the first response missed, or null.</param>
/// <param name="FollowUpCount">Counted follow-ups so far.</param>
/// <param name="FollowUpsDueAt">
/// The open follow-up deadline; null once the window was handled (met), sales connected, or the policy asks for none.
/// </param>
/// <param name="FollowUpBreachedAt">When the SLA clock recorded the follow-ups missed, or null.</param>
/// <param name="ConnectedAt">When sales first reached the lead, or null.</param>
public sealed record SalesCycle(
    string LeadId,
    FunnelAttribution Attribution,
    DateTimeOffset CapturedAt,
    DateTimeOffset HandedOffAt,
    DateTimeOffset? ResponseDueAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? FirstResponseBreachedAt,
    int FollowUpCount,
    DateTimeOffset? FollowUpsDueAt,
    DateTimeOffset? FollowUpBreachedAt,
    DateTimeOffset? ConnectedAt);
