namespace LeadIntake.Domain.Forms;

/// <summary>Why a submission was taken for spam: the codes the SpamDaily table counts.</summary>
public static class SpamReason
{
    /// <summary>A honeypot field had a value.</summary>
    public const string Honeypot = "honeypot";

    /// <summary>Submitted sooner after the page rendered than a person could type.</summary>
    public const string TooFast = "too-fast";

    /// <summary>The render token was older than a day.</summary>
    public const string TokenExpired = "token-expired";

    /// <summary>The render token was forged, malformed or another form's.</summary>
    public const string TokenInvalid = "token-invalid";

    /// <summary>No render token on a form that requires one.</summary>
    public const string TokenMissing = "token-missing";

    /// <summary>More submissions from one client address than the form allows per hour.</summary>
    public const string AddressRateLimit = "rate-address";

    /// <summary>More submissions to the form than it takes per minute.</summary>
    public const string FormRateLimit = "rate-form";

    /// <summary>A web address or HTML in a name field.</summary>
    public const string LinkInName = "link-in-name";

    /// <summary>A disposable email domain on a form whose rule is <see cref="DisposableEmailRule.Spam"/>.</summary>
    public const string DisposableEmail = "disposable-email";

    /// <summary>Every reason, in the order the checks run.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Honeypot, TokenInvalid, TokenExpired, TooFast, TokenMissing, LinkInName, DisposableEmail, AddressRateLimit, FormRateLimit];
}
