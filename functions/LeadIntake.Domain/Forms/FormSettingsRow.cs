namespace LeadIntake.Domain.Forms;

/// <summary>One row of the form registry as a marketer typed it: every value is text and may be blank.</summary>
/// <remarks>
/// A blank value means "as the default form". Lists are separated by spaces, commas or semicolons. Values that do not
/// parse are reported by <see cref="FormRegistry.Problems"/> and ignored (the default applies), never a failed capture.
/// </remarks>
public sealed record FormSettingsRow(string FormId)
{
    /// <summary>Allowed origins, e.g. <c>https://www.example.com https://landing.example.com</c>.</summary>
    public string? AllowedOrigins { get; init; }

    /// <summary>Absolute http(s) URL of the thank-you page.</summary>
    public string? ThankYouUrl { get; init; }

    /// <summary>Required fields besides email, e.g. <c>company, phone</c> (snake_case or camelCase).</summary>
    public string? RequiredFields { get; init; }

    /// <summary>utm_source when the visit brought none.</summary>
    public string? DefaultUtmSource { get; init; }

    /// <summary>utm_medium when the visit brought none.</summary>
    public string? DefaultUtmMedium { get; init; }

    /// <summary>utm_campaign when the visit brought none.</summary>
    public string? DefaultUtmCampaign { get; init; }

    /// <summary>Consent wording.</summary>
    public string? ConsentText { get; init; }

    /// <summary>Version of the consent wording.</summary>
    public string? ConsentVersion { get; init; }

    /// <summary>Privacy notice URL.</summary>
    public string? ConsentUrl { get; init; }

    /// <summary><c>true</c>/<c>false</c>: a contact or demo request form.</summary>
    public string? ContactRequest { get; init; }

    /// <summary><c>allow</c>, <c>reject</c> or <c>spam</c>.</summary>
    public string? DisposableEmails { get; init; }

    /// <summary><c>true</c>/<c>false</c>: a submission without a render token is spam.</summary>
    public string? RequireToken { get; init; }

    /// <summary>Whole number, at least 1.</summary>
    public string? MaxPerAddressPerHour { get; init; }

    /// <summary>Whole number, at least 1.</summary>
    public string? MaxPerFormPerMinute { get; init; }

    /// <summary>Honeypot field names.</summary>
    public string? HoneypotFields { get; init; }
}
