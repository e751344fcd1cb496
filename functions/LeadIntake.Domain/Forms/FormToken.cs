using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Forms;

/// <summary>What checking a form's render token found.</summary>
public enum FormTokenStatus
{
    /// <summary>Signed by us for this form, old enough to have been typed, young enough to be live.</summary>
    Valid,

    /// <summary>The submission carried no token.</summary>
    Missing,

    /// <summary>Malformed, forged, for another form, or from the future.</summary>
    Invalid,

    /// <summary>Submitted sooner after the page rendered than a person could fill a form (<see cref="FormTokens.MinimumFillTime"/>).</summary>
    TooFast,

    /// <summary>Issued longer ago than <see cref="FormTokens.Lifetime"/>.</summary>
    Expired,
}

/// <summary>A render token read back: its status and, when it was signed by us, when its page rendered.</summary>
/// <param name="Status">What the check found.</param>
/// <param name="RenderedAt">When the page first asked for a token (kept across renewals).</param>
public sealed record FormTokenCheck(FormTokenStatus Status, DateTimeOffset? RenderedAt);

/// <summary>Signed render-time tokens: a form page gets one when it renders; the submission must bring it back.</summary>
/// <remarks>
/// <para>
/// A token is <c>v1.{renderedAt}.{issuedAt}.{nonce}.{mac}</c>: Unix milliseconds, 26 random base32 characters and
/// HMAC-SHA256 (first 128 bits, base32) over the form id and the rest under a key the app derives from its secret,
/// so it cannot be forged or moved to another form. A submission less than <see cref="MinimumFillTime"/> after
/// <c>renderedAt</c> is too fast for a person; one more than <see cref="Lifetime"/> after <c>issuedAt</c> is stale.
/// </para>
/// <para>
/// <see cref="Renew"/> gives a page left open for long a fresh <c>issuedAt</c> while keeping its <c>renderedAt</c>,
/// so renewing never makes a slow human look fast. Pure: the caller passes the time. Thread-safe.
/// </para>
/// </remarks>
public sealed class FormTokens
{
    /// <summary>Name of the hidden field carrying the token.</summary>
    public const string TokenField = LeadFieldNames.ControlPrefix + "token";

    /// <summary>Fastest plausible fill of a form by a person.</summary>
    public static readonly TimeSpan MinimumFillTime = TimeSpan.FromSeconds(2);

    /// <summary>How long a token stays live after it was issued (or renewed).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    /// <summary>How far a token may be renewed after it expired (a laptop closed over a weekend).</summary>
    public static readonly TimeSpan RenewalWindow = TimeSpan.FromDays(30);

    // Tokens from an instance whose clock runs a little ahead are not forgeries.
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(30);
    private const string Version = "v1";
    private readonly byte[] _key;

    /// <summary>Creates the signer from the app's secret (the key is derived, so it differs from the lead-id key).</summary>
    public FormTokens(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < LeadIdentity.MinimumKeyLength)
            throw new ArgumentException($"The form token secret must be at least {LeadIdentity.MinimumKeyLength} bytes.", nameof(secret));
        _key = HMACSHA256.HashData(secret, "leadintake/form-token/v1"u8);
    }

    /// <summary>A fresh token for <paramref name="formId"/>, rendered and issued at <paramref name="now"/>.</summary>
    public string Issue(string formId, DateTimeOffset now) =>
        Sign(formId, now.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), CrockfordBase32.Encode128(RandomNumberGenerator.GetBytes(16)));

    /// <summary>
    /// A renewed <paramref name="token"/>: same render time and nonce, issued at <paramref name="now"/>; a fresh token when
    /// <paramref name="token"/> is not ours, not this form's, or older than <see cref="RenewalWindow"/>.
    /// </summary>
    public string Renew(string formId, string? token, DateTimeOffset now)
    {
        if (Read(formId, token) is { } parts && now.ToUnixTimeMilliseconds() - parts.IssuedAt <= (long)RenewalWindow.TotalMilliseconds
            && parts.RenderedAt <= now.Add(s_clockSkew).ToUnixTimeMilliseconds())
            return Sign(formId, parts.RenderedAt, now.ToUnixTimeMilliseconds(), parts.Nonce);
        return Issue(formId, now);
    }

    /// <summary>Checks <paramref name="token"/> for a submission of <paramref name="formId"/> arriving at <paramref name="now"/>.</summary>
    public FormTokenCheck Check(string formId, string? token, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(token))
            return new FormTokenCheck(FormTokenStatus.Missing, null);
        if (Read(formId, token.Trim()) is not { } parts)
            return new FormTokenCheck(FormTokenStatus.Invalid, null);

        var renderedAt = DateTimeOffset.FromUnixTimeMilliseconds(parts.RenderedAt);
        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(parts.IssuedAt);
        var status = renderedAt > issuedAt || issuedAt > now + s_clockSkew ? FormTokenStatus.Invalid
            : now - issuedAt > Lifetime ? FormTokenStatus.Expired
            : now - renderedAt < MinimumFillTime ? FormTokenStatus.TooFast
            : FormTokenStatus.Valid;
        return new FormTokenCheck(status, renderedAt);
    }

    private string Sign(string formId, long renderedAt, long issuedAt, string nonce)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{Version}.{renderedAt}.{issuedAt}.{nonce}");
        return body + "." + Mac(formId, body);
    }

    private (long RenderedAt, long IssuedAt, string Nonce)? Read(string formId, string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 5 } || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var renderedAt)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedAt)
            || !CrockfordBase32.IsEncoded128(parts[3], "") || !CrockfordBase32.IsEncoded128(parts[4], ""))
            return null;

        var expected = Encoding.ASCII.GetBytes(Mac(formId, string.Join('.', parts[..4])));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[4])) ? (renderedAt, issuedAt, parts[3]) : null;
    }

    private string Mac(string formId, string body)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(FormIdKey(formId) + "\n" + body), hash);
        return CrockfordBase32.Encode128(hash[..16]);
    }

    // Form ids are looked up case-insensitively, so a token binds the lower-case id.
    private static string FormIdKey(string formId) => formId.Trim().ToLowerInvariant();
}
