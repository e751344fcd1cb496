using System.Text;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;

namespace LeadIntake.Functions.Hosting;

/// <summary>Settings of the lead capture endpoint, bound from the <c>"LeadCaptureOptions"</c> section.</summary>
/// <remarks>Validated at start-up by <see cref="LeadCaptureOptionsValidator"/>; the app refuses to start without a secret.</remarks>
public sealed class LeadCaptureOptions
{
    /// <summary>Configuration section name (<c>LeadCaptureOptions__IdentitySecret</c> as an app setting).</summary>
    public const string SectionName = "LeadCaptureOptions";

    /// <summary>Smallest accepted identity secret, in bytes (HMAC-SHA256 key length).</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>Key of the lead-id HMAC and the client-IP hash: base64, or plain text of at least 32 bytes.</summary>
    /// <remarks>Changing it changes every lead id, so a repeat submission would start a new lead.</remarks>
    public string IdentitySecret { get; set; } = "";

    /// <summary>
    /// Origins (<c>https://www.example.com</c>) of the built-in default form: pages there may post forms (CORS) and a form's
    /// <c>_redirect</c> may send the browser there. The Forms table's <c>default</c> row and each form's row override it.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Submissions one client address may make to a form in any hour, unless the form's row says otherwise; more are spam.</summary>
    public int MaxPerAddressPerHour { get; set; } = 20;

    /// <summary>Submissions a form takes in any minute from everyone, unless the form's row says otherwise; more are spam.</summary>
    public int MaxPerFormPerMinute { get; set; } = 600;

    /// <summary>How often the Forms table is read again; edits there take effect within this time.</summary>
    public TimeSpan FormsRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest accepted request body in bytes; default 32 KiB keeps the queue message under 64 KiB after base64.</summary>
    public int MaxBodyBytes { get; set; } = 32 * 1024;

    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) when storage is unreachable.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>The consent wording of the built-in default form.</summary>
    public const string BuiltInConsentText = "Yes, email me product news and offers. I can unsubscribe at any time.";

    /// <summary>The version of <see cref="BuiltInConsentText"/>.</summary>
    public const string BuiltInConsentVersion = "builtin-2026-12";

    /// <summary>The built-in default form: what the Forms table's <c>default</c> row and every form's blank cells fall back to.</summary>
    public LandingForm BuiltInForm() => new(
        FormRegistry.DefaultFormId,
        [.. AllowedOrigins.Select(FormRegistry.NormaliseOrigin).OfType<string>()],
        ThankYouUrl: null,
        RequiredFields: [],
        DefaultUtm: UtmParameters.None,
        ConsentText: BuiltInConsentText,
        ConsentVersion: BuiltInConsentVersion,
        ConsentUrl: null,
        IsContactRequest: false,
        DisposableEmails: DisposableEmailRule.Allow,
        RequireToken: false,
        MaxPerAddressPerHour: MaxPerAddressPerHour,
        MaxPerFormPerMinute: MaxPerFormPerMinute,
        HoneypotFields: SpamCheck.DefaultHoneypotFields);

    /// <summary>The secret as key bytes: decoded base64 when it is valid base64 of at least 32 bytes, else its UTF-8 text.</summary>
    public byte[] GetIdentitySecretBytes()
    {
        var buffer = new byte[IdentitySecret.Length];
        if (Convert.TryFromBase64String(IdentitySecret, buffer, out var written) && written >= MinimumSecretBytes)
            return buffer[..written];
        return Encoding.UTF8.GetBytes(IdentitySecret);
    }
}
