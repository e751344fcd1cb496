namespace LeadIntake.Domain.Capture;

/// <summary>The per-field cleaning and checks, shared by the parser and the queue-message reader.</summary>
internal static class LeadFieldRules
{
    private const string PhoneCharacters = "0123456789 +()-./";

    /// <summary>Cleans a posted text value; null when nothing is left.</summary>
    public static string? Clean(LeadFormField field, string? raw) =>
        field.Kind == LeadFieldKind.MultiLine ? TextCleaner.MultiLine(raw) : TextCleaner.SingleLine(raw);

    /// <summary>Checks a cleaned, non-empty text value; returns a message for a person, or null when fine.</summary>
    public static string? Check(LeadFormField field, string value, LeadCaptureLimits limits)
    {
        var max = field.MaxLength(limits);
        if (value.Length > max)
        {
            return $"{field.Label} is too long: {value.Length} characters, at most {max}.";
        }

        return field.Kind switch
        {
            LeadFieldKind.Phone when !IsPhone(value) =>
                "Enter a phone number using digits, spaces and + ( ) - . / only, for example +49 30 1234567.",
            LeadFieldKind.Url when !IsWebAddress(value) =>
                $"{field.Label} must be a full web address starting with http:// or https://.",
            _ => null,
        };
    }

    /// <summary>True for an absolute http or https URL.</summary>
    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    // 5–20 digits: shorter is not a reachable number, longer than E.164 (15) plus an extension is junk.
    // An extension may follow as "x123" or "ext. 123".
    private static bool IsPhone(string value)
    {
        var text = value.ToLowerInvariant();
        var ext = text.IndexOf("ext", StringComparison.Ordinal) is var e and >= 0 ? e : text.IndexOf('x');
        var main = ext >= 0 ? text[..ext] : text;
        var extension = ext >= 0 ? text[ext..].TrimStart('e', 'x', 't', '.', ' ') : string.Empty;
        var digits = main.Count(char.IsAsciiDigit);
        return main.AsSpan().IndexOfAnyExcept(PhoneCharacters) < 0
            && main.TrimStart().IndexOf('+') <= 0
            && main.Count(c => c == '+') <= 1
            && digits is >= 5 and <= 20
            && (ext < 0 || (extension.Length is >= 1 and <= 6 && extension.All(char.IsAsciiDigit)));
    }
}
