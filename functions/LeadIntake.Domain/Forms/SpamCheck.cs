using System.Text.RegularExpressions;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;

namespace LeadIntake.Domain.Forms;

/// <summary>The content rules that make a submission spam: honeypots, the render token, links or HTML in names, disposable domains.</summary>
/// <remarks>
/// Pure. Rate limits are counted elsewhere (they need the recent past); everything here looks at one submission.
/// The checks run in <see cref="SpamReason.All"/> order and the first that matches names the reason.
/// </remarks>
public static partial class SpamCheck
{
    /// <summary>The honeypot field the snippet and the built-in page add (one of the default <see cref="LandingForm.HoneypotFields"/>).</summary>
    public const string HoneypotField = LeadFieldNames.ControlPrefix + "hp";

    /// <summary>Honeypot names every form starts with: ours and the ones other form tools use (Formspree's <c>_gotcha</c>).</summary>
    public static IReadOnlyList<string> DefaultHoneypotFields { get; } = [HoneypotField, "_gotcha", "hp_email", "website"];

    /// <summary>True when <paramref name="name"/> is one of <paramref name="form"/>'s honeypot fields.</summary>
    public static bool IsHoneypot(LandingForm form, string name) =>
        form.HoneypotFields.Any(honeypot => string.Equals(honeypot, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The spam reason of the posted <paramref name="fields"/> and their token check, or null when none applies.</summary>
    public static string? ReasonFor(LandingForm form, IReadOnlyList<KeyValuePair<string, string?>> fields, FormTokenCheck token)
    {
        if (fields.Any(field => !string.IsNullOrWhiteSpace(field.Value) && IsHoneypot(form, field.Key)))
            return SpamReason.Honeypot;

        switch (token.Status)
        {
            case FormTokenStatus.Invalid:
                return SpamReason.TokenInvalid;
            case FormTokenStatus.Expired:
                return SpamReason.TokenExpired;
            case FormTokenStatus.TooFast:
                return SpamReason.TooFast;
            case FormTokenStatus.Missing when form.RequireToken:
                return SpamReason.TokenMissing;
        }

        foreach (var (name, value) in fields)
        {
            if (value is not null && LeadFormFields.TryResolve(name.Trim(), out var field)
                && (field == LeadFormFields.FirstName || field == LeadFormFields.LastName) && HasLinkOrMarkup(value))
                return SpamReason.LinkInName;
        }

        return null;
    }

    /// <summary>The spam reason of a parsed submission's email under <paramref name="form"/>'s disposable rule, or null.</summary>
    public static string? ReasonFor(LandingForm form, LeadSubmission submission) =>
        form.DisposableEmails == DisposableEmailRule.Spam && IsDisposable(submission.Email) ? SpamReason.DisposableEmail : null;

    /// <summary>True when <paramref name="normalisedEmail"/>'s domain is a known disposable-mail provider.</summary>
    public static bool IsDisposable(string normalisedEmail) => EmailClassifier.Classify(normalisedEmail) == EmailClass.Disposable;

    /// <summary>True when <paramref name="text"/> holds a web address (<c>http://</c>, <c>www.</c>) or an HTML tag.</summary>
    public static bool HasLinkOrMarkup(string text) => LinkOrMarkup().IsMatch(text);

    [GeneratedRegex(@"https?:|www\.|</?[a-z!]|\[url", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex LinkOrMarkup();
}
