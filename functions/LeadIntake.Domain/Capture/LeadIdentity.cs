using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace LeadIntake.Domain.Capture;

/// <summary>Keyed, one-way identifiers: the lead id of an email address and the hash of a client IP.</summary>
/// <remarks>
/// HMAC-SHA256 under a secret key from settings: the same normalised email always gives the same id, and
/// without the key an id cannot be linked back to an address (not even by hashing candidate emails).
/// Changing the key changes every id. Thread-safe.
/// </remarks>
public sealed class LeadIdentity
{
    /// <summary>Prefix of every lead id.</summary>
    public const string LeadIdPrefix = "ld_";

    /// <summary>Prefix of every client IP hash.</summary>
    public const string ClientIpHashPrefix = "ip_";

    /// <summary>Shortest accepted key, in bytes (128 bits).</summary>
    public const int MinimumKeyLength = 16;

    private readonly byte[] _secretKey;

    /// <summary>Creates the identity service with the secret key (at least 16 bytes).</summary>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyLength"/> bytes.</exception>
    public LeadIdentity(byte[] secretKey)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        if (secretKey.Length < MinimumKeyLength)
        {
            throw new ArgumentException(
                $"The lead identity key must be at least {MinimumKeyLength} bytes; it is {secretKey.Length}.", nameof(secretKey));
        }

        _secretKey = [.. secretKey];
    }

    /// <summary>The lead id for an email address: "ld_" + 26 base32 characters (128 bits of the HMAC).</summary>
    /// <remarks>The whole address is trimmed and lower-cased first, so case variants reach one lead.</remarks>
    public string LeadIdFor(string normalisedEmail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(normalisedEmail);
        return LeadIdPrefix + Mac("email:" + IdentityFormOf(normalisedEmail));
    }

    /// <summary>The keyed hash of a client IP ("ip_" + 26 characters), or null when there is none.</summary>
    /// <remarks>IPv4-mapped IPv6 addresses hash like their IPv4 form; unparsable values are hashed as given.</remarks>
    public string? HashClientIp(string? ip)
    {
        if (string.IsNullOrWhiteSpace(ip))
        {
            return null;
        }

        var text = ip.Trim();
        if (IPAddress.TryParse(text, out var address))
        {
            text = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        }

        return ClientIpHashPrefix + Mac("ip:" + text);
    }

    /// <summary>
    /// The submission id of a submission that names its own idempotency key: "sb_" + 26 base32 characters of the HMAC
    /// of the lead id and the key, so a double click or a retried post with the same key is the same submission.
    /// </summary>
    public string SubmissionIdFor(string leadId, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leadId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return LeadSubmissionParser.SubmissionIdPrefix + Mac("submission:" + leadId + "\n" + idempotencyKey.Trim());
    }

    /// <summary>True when <paramref name="leadId"/> has the shape of a lead id.</summary>
    public static bool IsLeadId(string? leadId) => CrockfordBase32.IsEncoded128(leadId, LeadIdPrefix);

    /// <summary>The form of an address that identity is computed from: trimmed, entirely lower-case.</summary>
    public static string IdentityFormOf(string email) => email.Trim().ToLowerInvariant();

    private string Mac(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_secretKey, Encoding.UTF8.GetBytes(text), hash);
        return CrockfordBase32.Encode128(hash[..16]);
    }
}
