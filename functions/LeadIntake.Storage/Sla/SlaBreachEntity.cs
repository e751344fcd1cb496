using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Sla;

/// <summary>One missed SLA deadline: a row of <c>SlaBreaches</c>.</summary>
/// <remarks>
/// PartitionKey = the deadline's UTC day (<c>yyyy-MM-dd</c>), RowKey = the breach id <c>{lead id}_{kind}_{due}</c>: one row
/// per lead, kind and deadline however many clock runs find it. Inserted, never replaced.
/// </remarks>
public sealed class SlaBreachEntity : TableRow
{
    /// <summary>The lead.</summary>
    public string LeadId { get; set; } = "";

    /// <summary><c>first_response</c> or <c>follow_ups</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The missed deadline (UTC).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When the clock found it missed (UTC).</summary>
    public DateTimeOffset DetectedAt { get; set; }

    /// <summary>When the lead was handed over (UTC).</summary>
    public DateTimeOffset? HandedOffAt { get; set; }

    /// <summary>The lead's sales owner.</summary>
    public string? Owner { get; set; }

    /// <summary>The lead's stage code when found.</summary>
    public string Stage { get; set; } = "";

    /// <summary>Counted follow-ups by then.</summary>
    public int FollowUpCount { get; set; }

    /// <summary>Follow-ups the policy requires.</summary>
    public int FollowUpsRequired { get; set; }

    /// <summary>The policy whose deadline was missed.</summary>
    public string PolicyVersion { get; set; } = "";

    /// <summary>When the breach was announced on the <c>sla-breaches</c> queue (UTC); empty until then.</summary>
    public DateTimeOffset? AnnouncedAt { get; set; }
}
