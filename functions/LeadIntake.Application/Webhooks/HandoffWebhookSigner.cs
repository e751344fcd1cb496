using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LeadIntake.Application.Webhooks;

/// <summary>Signs a hand-off webhook body, and verifies such a signature as a receiver does.</summary>
/// <remarks>
/// <para>
/// The <see cref="SignatureHeader"/> value is <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where hex is the lowercase
/// hexadecimal HMAC-SHA256, keyed with the UTF-8 bytes of the secret, of the UTF-8 bytes of <c>"&lt;t&gt;.&lt;body&gt;"</c>
/// (the timestamp exactly as in the header, a dot, the raw body). Signing the timestamp with the body lets a receiver
/// refuse a replayed old request; it drops duplicates by <see cref="DeliveryHeader"/> (the hand-off id) anyway, since
/// delivery is at least once. Every attempt is signed afresh, so a retry is not refused as old.
/// </para>
/// <para>
/// <see cref="Verify(string?, string, DateTimeOffset, TimeSpan?)"/> accepts a header with several <c>v1=</c> entries when
/// any one matches (so a sender may sign with an old and a new secret while the secret is rotated) and compares in
/// constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>). Pure and thread-safe.
/// </para>
/// </remarks>
public sealed class HandoffWebhookSigner
{
    /// <summary>The request header carrying the signature.</summary>
    public const string SignatureHeader = "X-LeadIntake-Signature";

    /// <summary>The request header carrying the hand-off id, the same on every attempt (receivers drop duplicates by it).</summary>
    public const string DeliveryHeader = "X-LeadIntake-Delivery";

    /// <summary>The signature scheme's name in the header (HMAC-SHA256 of <c>"&lt;t&gt;.&lt;body&gt;"</c>).</summary>
    public const string Scheme = "v1";

    /// <summary>How far a signature's timestamp may be from the receiver's clock, either way, by default: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int SignatureBytes = 32;

    private readonly byte[] _key;

    /// <summary>A signer keyed with the UTF-8 bytes of <paramref name="secret"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is null or empty.</exception>
    public HandoffWebhookSigner(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>The <see cref="SignatureHeader"/> value for <paramref name="body"/> sent at <paramref name="at"/>: <c>t=…,v1=…</c>.</summary>
    public string Sign(string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},{Scheme}={ComputeV1(timestamp, body)}";
    }

    /// <summary>The lowercase hex HMAC-SHA256 of <c>"&lt;timestamp&gt;.&lt;body&gt;"</c>: the <c>v1</c> part of the header.</summary>
    public string ComputeV1(long timestamp, string body) =>
        Convert.ToHexStringLower(Mac(timestamp.ToString(CultureInfo.InvariantCulture), body));

    /// <summary>True when <paramref name="signatureHeader"/> signs <paramref name="body"/> with this secret, at a time within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    /// <param name="signatureHeader">The <see cref="SignatureHeader"/> value received; null or malformed is false.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="now">The receiver's clock.</param>
    /// <param name="tolerance">How old (or how far ahead) the timestamp may be; <see cref="DefaultTolerance"/> when null.</param>
    public bool Verify(string? signatureHeader, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(signatureHeader))
            return false;

        string? timestampText = null;
        var candidates = new List<string>();
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
                return false;
            var (name, value) = (part[..separator], part[(separator + 1)..]);
            if (name == "t")
                timestampText = timestampText is null ? value : null; // a second t= is malformed
            else if (name == Scheme)
                candidates.Add(value);
        }

        if (timestampText is null || candidates.Count == 0
            || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return false;

        var allowed = (long)(tolerance ?? DefaultTolerance).TotalSeconds;
        var age = now.ToUnixTimeSeconds() - timestamp;
        if (age > allowed || age < -allowed)
            return false;

        // The timestamp is signed as it was written, so "0012" does not verify a signature made over "12".
        var expected = Mac(timestampText, body);
        var matched = false;
        foreach (var candidate in candidates)
        {
            if (candidate.Length != SignatureBytes * 2 || !candidate.All(char.IsAsciiHexDigit))
                continue;
            // Every candidate is compared, so the time taken does not tell which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(candidate));
        }

        return matched;
    }

    private byte[] Mac(string timestamp, string body) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
}
