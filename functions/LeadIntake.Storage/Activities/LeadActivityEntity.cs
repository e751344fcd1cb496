using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Activities;

/// <summary>One entry of a lead's timeline: a behaviour event, a form submission or a sales event; a row of <c>LeadActivities</c>.</summary>
/// <remarks>
/// PartitionKey = lead id, RowKey = <c>{yyyyMMddTHHmmss.fffffffZ}_{event id}</c> (UTC time of the event), so a lead's
/// partition reads as its timeline, oldest first, and a replayed event (same id, same time) is the same row.
/// </remarks>
public sealed class LeadActivityEntity : TableRow
{
    /// <summary>Where it came from: <c>form</c>, <c>behaviour</c> or <c>sales</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>The event type (<c>email_open</c>, <c>form_submission</c>, <c>contact_attempt</c>…).</summary>
    public string Type { get; set; } = "";

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The sender's event id (the submission id for form submissions).</summary>
    public string EventId { get; set; } = "";

    /// <summary>Extra facts the sender gave, as a JSON object; behaviour events only.</summary>
    public string? Properties { get; set; }

    /// <summary>Who reported it; sales events only.</summary>
    public string? Actor { get; set; }

    /// <summary>The reason code; sales events only.</summary>
    public string? Reason { get; set; }

    /// <summary>The deal amount; sales events only.</summary>
    public double? Amount { get; set; }

    /// <summary>Free text; sales events only.</summary>
    public string? Note { get; set; }
}
