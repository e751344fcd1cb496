namespace LeadIntake.Domain.Enrichment;

/// <summary>One marketing touch: where a submission came from.</summary>
/// <param name="Source">utm_source, else the referring site ("google", "news.ycombinator.com"); null for direct.</param>
/// <param name="Medium">utm_medium, else the kind of referral ("organic", "social", "referral"); null for direct.</param>
/// <param name="Campaign">utm_campaign, if any.</param>
/// <param name="Channel">The channel the touch is attributed to.</param>
/// <param name="At">When (the submission's received-at, UTC).</param>
public sealed record Touch(string? Source, string? Medium, string? Campaign, MarketingChannel Channel, DateTimeOffset At);
