using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Forms;

/// <summary>What to do with a submission from a disposable (throw-away) email domain such as mailinator.com.</summary>
public enum DisposableEmailRule
{
    /// <summary>Accept it; enrichment classes it as disposable and the fit score sees that.</summary>
    Allow,

    /// <summary>Refuse it with a field error the visitor can correct ("use a permanent address").</summary>
    Reject,

    /// <summary>Treat it as spam: answered like success, never queued, counted.</summary>
    Spam,
}

/// <summary>One landing form's settings, resolved: the form's own row over the default form over the built-in defaults.</summary>
/// <param name="FormId">The form id as posted (an unknown id keeps its name; its settings are the default form's).</param>
/// <param name="AllowedOrigins">Origins (<c>https://www.example.com</c>) whose pages may post this form (CORS) and be sent to by <c>_redirect</c>.</param>
/// <param name="ThankYouUrl">Where a browser goes after a successful plain post; null for the built-in thank-you page.</param>
/// <param name="RequiredFields">Canonical names (<see cref="LeadFieldNames"/>) required besides the email.</param>
/// <param name="DefaultUtm">UTM used when a submission brings none (neither fields nor page URL).</param>
/// <param name="ConsentText">The marketing-consent wording shown next to the checkbox; null when the form asks none.</param>
/// <param name="ConsentVersion">Version of <paramref name="ConsentText"/>, recorded with every consent given on this form.</param>
/// <param name="ConsentUrl">The privacy notice the consent wording links to.</param>
/// <param name="IsContactRequest">A contact or demo request form: every submission counts as "contact me" (a fast-track signal).</param>
/// <param name="DisposableEmails">What a disposable email domain means on this form.</param>
/// <param name="RequireToken">True when a submission without a render token is spam (every page of the form uses the snippet or the built-in page).</param>
/// <param name="MaxPerAddressPerHour">Submissions one client address may make to this form in any hour; more are spam.</param>
/// <param name="MaxPerFormPerMinute">Submissions the form takes in any minute from everyone; more are spam.</param>
/// <param name="HoneypotFields">Field names no human fills (hidden traps); a value in any of them is spam, and none is ever stored.</param>
public sealed record LandingForm(
    string FormId,
    IReadOnlyList<string> AllowedOrigins,
    string? ThankYouUrl,
    IReadOnlyList<string> RequiredFields,
    UtmParameters DefaultUtm,
    string? ConsentText,
    string? ConsentVersion,
    string? ConsentUrl,
    bool IsContactRequest,
    DisposableEmailRule DisposableEmails,
    bool RequireToken,
    int MaxPerAddressPerHour,
    int MaxPerFormPerMinute,
    IReadOnlyList<string> HoneypotFields)
{
    /// <summary>True when <paramref name="origin"/> (scheme://host[:port]) is one of <see cref="AllowedOrigins"/>.</summary>
    public bool AllowsOrigin(string? origin) =>
        origin is not null && AllowedOrigins.Any(allowed => string.Equals(allowed, origin, StringComparison.OrdinalIgnoreCase));
}
