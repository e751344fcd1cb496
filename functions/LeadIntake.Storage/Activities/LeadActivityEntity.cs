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

    /// <summary>True on a form submission that said yes to marketing consent; empty otherwise.</summary>
    /// <remarks>
    /// With <see cref="ConsentVersion"/>, <see cref="ConsentFormId"/>, <see cref="ConsentPageUrl"/> and <see cref="At"/>: the
    /// proof of that consent, kept for good (the lead's row keeps only the latest consent's).
    /// </remarks>
    public bool? ConsentMarketing { get; set; }

    /// <summary>Version of the consent wording shown; consenting form submissions only.</summary>
    public string? ConsentVersion { get; set; }

    /// <summary>The form consent was given on; consenting form submissions only.</summary>
    public string? ConsentFormId { get; set; }

    /// <summary>The page consent was given on; consenting form submissions only.</summary>
    public string? ConsentPageUrl { get; set; }

    /// <summary>Who reported it; sales events only.</summary>
    public string? Actor { get; set; }

    /// <summary>The reason code; sales events only.</summary>
    public string? Reason { get; set; }

    /// <summary>The deal amount; sales events only.</summary>
    public double? Amount { get; set; }

    /// <summary>Free text; sales events only.</summary>
    public string? Note { get; set; }
}
