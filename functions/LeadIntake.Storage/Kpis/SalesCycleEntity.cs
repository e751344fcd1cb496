using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Kpis;

/// <summary>A <c>SalesCycles</c> row: one hand-off to sales and how it was answered.</summary>
/// <remarks>
/// PartitionKey = UTC day of the hand-off (<c>yyyy-MM-dd</c>), RowKey = <c>{lead id}_{hand-off time yyyyMMddTHHmmss.fffffffZ}</c>.
/// Rewritten from the lead each time one of its sales-cycle columns changes while the cycle is open; once the lead leaves
/// sales (Nurture, Disqualified) the row keeps the cycle's last state.
/// </remarks>
public sealed class SalesCycleEntity : TableRow
{
    /// <summary>The lead.</summary>
    public string LeadId { get; set; } = "";

    /// <summary>The owner the lead was routed to.</summary>
    public string? Owner { get; set; }

    /// <summary>The lead's acquisition channel code.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The first touch's campaign.</summary>
    public string? Campaign { get; set; }

    /// <summary>The form of the first submission.</summary>
    public string? FormId { get; set; }

    /// <summary>The lead's stage when the row was written.</summary>
    public string Stage { get; set; } = "";

    /// <summary>When the lead was first captured.</summary>
    public DateTimeOffset CapturedAt { get; set; }

    /// <summary>When it was handed to sales.</summary>
    public DateTimeOffset HandedOffAt { get; set; }

    /// <summary>When the first response was due.</summary>
    public DateTimeOffset? ResponseDueAt { get; set; }

    /// <summary>The first contact.</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }

    /// <summary>When the SLA clock recorded the first response missed.</summary>
    public DateTimeOffset? FirstResponseBreachedAt { get; set; }

    /// <summary>Counted follow-ups.</summary>
    public int FollowUpCount { get; set; }

    /// <summary>The open follow-up deadline (empty once handled or connected).</summary>
    public DateTimeOffset? FollowUpsDueAt { get; set; }

    /// <summary>When the SLA clock recorded the follow-ups missed.</summary>
    public DateTimeOffset? FollowUpBreachedAt { get; set; }

    /// <summary>When sales first reached the lead.</summary>
    public DateTimeOffset? ConnectedAt { get; set; }

    /// <summary>The policy version in force at the hand-off's last change.</summary>
    public string? PolicyVersion { get; set; }
}
