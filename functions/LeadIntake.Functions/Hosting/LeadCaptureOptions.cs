using System.Text;

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

    /// <summary>Origins (<c>https://example.com</c>) a form's <c>_redirect</c> field may send the browser to.</summary>
    public List<string> AllowedRedirectOrigins { get; set; } = [];

    /// <summary>Largest accepted request body in bytes; default 32 KiB keeps the queue message under 64 KiB after base64.</summary>
    public int MaxBodyBytes { get; set; } = 32 * 1024;

    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) when storage is unreachable.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>The secret as key bytes: decoded base64 when it is valid base64 of at least 32 bytes, else its UTF-8 text.</summary>
    public byte[] GetIdentitySecretBytes()
    {
        var buffer = new byte[IdentitySecret.Length];
        if (Convert.TryFromBase64String(IdentitySecret, buffer, out var written) && written >= MinimumSecretBytes)
            return buffer[..written];
        return Encoding.UTF8.GetBytes(IdentitySecret);
    }
}
