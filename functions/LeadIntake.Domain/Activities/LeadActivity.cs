namespace LeadIntake.Domain.Activities;

/// <summary>One behaviour event of a lead: an email open, a page view, a webinar, a form submission.</summary>
/// <param name="Id">The sender's event id; the same id at the same time is the same event (replays change nothing).</param>
/// <param name="Type">The event type, one of the policy's engagement event types (snake_case).</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Properties">Extra facts the sender gave (page URL, campaign…), for reading only.</param>
public sealed record LeadActivity(string Id, string Type, DateTimeOffset At, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>The event type that sets <see cref="Policy.LeadSignal.Unsubscribed"/>.</summary>
    public const string Unsubscribe = "unsubscribe";

    /// <summary>The event type that sets <see cref="Policy.LeadSignal.HardBounced"/>.</summary>
    public const string HardBounce = "hard_bounce";

    /// <summary>On a form submission that said yes to marketing consent: the proof of it (wording version, form, page, time).</summary>
    /// <remarks>Stored on the submission's timeline row, so every consent given stays provable; null on every other event.</remarks>
    public Leads.ConsentProof? Consent { get; init; }
}
