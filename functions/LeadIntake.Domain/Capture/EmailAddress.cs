using System.Globalization;

namespace LeadIntake.Domain.Capture;

/// <summary>Email syntax check and normalisation for lead forms.</summary>
/// <remarks>
/// RFC 5321/5322 "dot-atom" addresses only, which is what people type: one @, a local part of atext characters
/// and single dots (≤ 64), a domain of at least two LDH labels (≤ 63 each) with an alphabetic or punycode TLD.
/// Quoted local parts, IP-literal domains and comments are refused as junk on a lead form. International domains
/// are converted to punycode. The domain is lower-cased; the local part keeps its case (it may matter to the
/// mail server), but identity uses the fully lower-cased form (<see cref="LeadIdentity.IdentityFormOf"/>).
/// </remarks>
public static class EmailAddress
{
    private const string AText = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-";
    private static readonly IdnMapping _idn = new();

    /// <summary>Validates and normalises <paramref name="input"/>.</summary>
    /// <param name="input">What the person typed.</param>
    /// <param name="maxLength">Longest accepted address (254 by RFC 5321).</param>
    /// <param name="normalised">The trimmed address with a lower-case ASCII domain, when valid.</param>
    /// <param name="error">A message a person understands, when invalid.</param>
    public static bool TryNormalise(string? input, int maxLength, out string normalised, out string error)
    {
        normalised = string.Empty;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            error = "Enter your email address.";
            return false;
        }

        error = "Enter a valid email address, like name@example.com.";
        var at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1)
        {
            return false;
        }

        var local = text[..at];
        if (!IsDotAtom(local, 64))
        {
            return false;
        }

        string domain;
        try
        {
            domain = _idn.GetAscii(text[(at + 1)..]).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!IsHostName(domain))
        {
            return false;
        }

        normalised = local + "@" + domain;
        if (normalised.Length > maxLength)
        {
            error = $"The email address is too long: {normalised.Length} characters, at most {maxLength}.";
            normalised = string.Empty;
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>The domain part (after the @) of a normalised address.</summary>
    public static string DomainOf(string normalisedEmail) => normalisedEmail[(normalisedEmail.LastIndexOf('@') + 1)..];

    private static bool IsDotAtom(string text, int maxLength) =>
        text.Length <= maxLength
        && text.Split('.').All(part => part.Length > 0 && part.AsSpan().IndexOfAnyExcept(AText) < 0);

    private static bool IsHostName(string domain)
    {
        if (domain.Length > 253)
        {
            return false;
        }

        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-'
                || label.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-") >= 0)
            {
                return false;
            }
        }

        var tld = labels[^1];
        return tld.StartsWith("xn--", StringComparison.Ordinal) || (tld.Length >= 2 && tld.All(char.IsAsciiLetter));
    }
}
