using System.Globalization;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Forms;

/// <summary>The landing forms: each form's settings resolved from its row, the <c>default</c> row and the built-in defaults.</summary>
/// <remarks>
/// Pure and immutable: built from the rows of the Forms table (or none) and the app's built-in default form. A blank
/// value in a form's row inherits the default row's value, and a blank in the default row inherits the built-in one.
/// Unknown form ids get the default form's settings under their own id. Rows with values that do not parse are kept:
/// the value is ignored and reported in <see cref="Problems"/>, so a typo never stops capture.
/// </remarks>
public sealed class FormRegistry
{
    /// <summary>The id of the default form, whose row sets what other forms leave blank.</summary>
    public const string DefaultFormId = "default";

    /// <summary>Longest form id the registry looks up; longer ids are treated as unknown.</summary>
    public const int MaxFormIdLength = 64;

    private static readonly char[] s_separators = [' ', ',', ';', '\n', '\r', '\t'];
    private readonly Dictionary<string, LandingForm> _forms = new(StringComparer.OrdinalIgnoreCase);
    private readonly LandingForm _default;

    /// <summary>Builds the registry from <paramref name="rows"/> over <paramref name="builtIn"/>.</summary>
    public FormRegistry(LandingForm builtIn, IEnumerable<FormSettingsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<string>();
        var byId = rows.Where(row => !string.IsNullOrWhiteSpace(row.FormId))
            .GroupBy(row => row.FormId.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last(), StringComparer.OrdinalIgnoreCase);
        _default = byId.TryGetValue(DefaultFormId, out var defaultRow)
            ? Apply(builtIn with { FormId = DefaultFormId }, defaultRow, problems)
            : builtIn with { FormId = DefaultFormId };
        foreach (var (id, row) in byId)
        {
            if (!string.Equals(id, DefaultFormId, StringComparison.OrdinalIgnoreCase))
                _forms[id] = Apply(_default with { FormId = id }, row, problems);
        }

        Problems = problems;
    }

    /// <summary>Values that did not parse, one sentence each naming the form and the column.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The registered forms (not the default one), by id.</summary>
    public IReadOnlyCollection<LandingForm> Forms => _forms.Values;

    /// <summary>The default form.</summary>
    public LandingForm Default => _default;

    /// <summary>The settings of <paramref name="formId"/>: its row's, or the default form's under that id; the default form when blank.</summary>
    public LandingForm Resolve(string? formId)
    {
        var id = formId?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > MaxFormIdLength)
            return _default;
        return _forms.TryGetValue(id, out var form) ? form : _default with { FormId = id };
    }

    /// <summary>True when any form (or the default one) allows <paramref name="origin"/>: what a preflight without a form id is checked against.</summary>
    public bool AnyFormAllows(string? origin) => _default.AllowsOrigin(origin) || _forms.Values.Any(form => form.AllowsOrigin(origin));

    /// <summary>The origins in <paramref name="text"/>, each normalised to <c>scheme://host[:port]</c>; bad entries are reported.</summary>
    public static IReadOnlyList<string> ParseOrigins(string text, Action<string> problem)
    {
        var origins = new List<string>();
        foreach (var entry in text.Split(s_separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (NormaliseOrigin(entry) is { } origin)
                origins.Add(origin);
            else
                problem($"'{entry}' is not an origin such as https://www.example.com (scheme and host, no path)");
        }

        return origins;
    }

    /// <summary>The origin <paramref name="value"/> names (<c>https://Example.com/</c> → <c>https://example.com</c>), or null.</summary>
    public static string? NormaliseOrigin(string? value)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.UserInfo) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private static LandingForm Apply(LandingForm form, FormSettingsRow row, List<string> problems)
    {
        void Problem(string column, string text) => problems.Add($"Form '{row.FormId}', {column}: {text}; the default applies.");
        static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        bool? Flag(string column, string? value)
        {
            if (Blank(value) is not { } text)
                return null;
            if (TextCleaner.TryParseFlag(text, out var flag) && flag is not null)
                return flag;
            Problem(column, $"'{text}' is not true or false");
            return null;
        }

        int? Limit(string column, string? value)
        {
            if (Blank(value) is not { } text)
                return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1)
                return limit;
            Problem(column, $"'{text}' is not a whole number of at least 1");
            return null;
        }

        if (Blank(row.AllowedOrigins) is { } origins)
            form = form with { AllowedOrigins = ParseOrigins(origins, text => Problem(nameof(row.AllowedOrigins), text)) };
        if (Blank(row.ThankYouUrl) is { } thankYou)
        {
            if (Uri.TryCreate(thankYou, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
                form = form with { ThankYouUrl = uri.AbsoluteUri };
            else
                Problem(nameof(row.ThankYouUrl), $"'{thankYou}' is not an absolute http(s) URL");
        }

        if (Blank(row.RequiredFields) is { } required)
        {
            var fields = new List<string>();
            foreach (var name in required.Split(s_separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (LeadFormFields.TryResolve(name, out var field))
                    fields.Add(field.Name);
                else
                    Problem(nameof(row.RequiredFields), $"'{name}' is not a field LeadIntake knows");
            }

            form = form with { RequiredFields = fields };
        }

        if (Blank(row.DefaultUtmSource) is not null || Blank(row.DefaultUtmMedium) is not null || Blank(row.DefaultUtmCampaign) is not null)
            form = form with
            {
                DefaultUtm = UtmParameters.None with
                {
                    Source = Blank(row.DefaultUtmSource)?.ToLowerInvariant(),
                    Medium = Blank(row.DefaultUtmMedium)?.ToLowerInvariant(),
                    Campaign = Blank(row.DefaultUtmCampaign),
                },
            };
        if (Blank(row.ConsentText) is { } consentText)
            form = form with { ConsentText = consentText };
        if (Blank(row.ConsentVersion) is { } consentVersion)
        {
            // The version travels on every consenting queue message, which refuses what it would not store.
            var maxLength = LeadCaptureLimits.Default.MaxConsentVersionLength;
            if (TextCleaner.SingleLine(consentVersion) is { } version && version == consentVersion && version.Length <= maxLength)
                form = form with { ConsentVersion = version };
            else
                Problem(nameof(row.ConsentVersion), $"'{consentVersion}' is not a version of one line and at most {maxLength} characters");
        }
        if (Blank(row.ConsentUrl) is { } consentUrl)
        {
            if (Uri.TryCreate(consentUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                form = form with { ConsentUrl = uri.AbsoluteUri };
            else
                Problem(nameof(row.ConsentUrl), $"'{consentUrl}' is not an absolute http(s) URL");
        }

        if (Flag(nameof(row.ContactRequest), row.ContactRequest) is { } isContact)
            form = form with { IsContactRequest = isContact };

        if (Blank(row.DisposableEmails) is { } disposable)
        {
            if (Enum.TryParse<DisposableEmailRule>(disposable, ignoreCase: true, out var rule) && Enum.IsDefined(rule) && !int.TryParse(disposable, out _))
                form = form with { DisposableEmails = rule };
            else
                Problem(nameof(row.DisposableEmails), $"'{disposable}' is not allow, reject or spam");
        }

        if (Flag(nameof(row.RequireToken), row.RequireToken) is { } requireToken)
            form = form with { RequireToken = requireToken };
        if (Limit(nameof(row.MaxPerAddressPerHour), row.MaxPerAddressPerHour) is { } perAddress)
            form = form with { MaxPerAddressPerHour = perAddress };
        if (Limit(nameof(row.MaxPerFormPerMinute), row.MaxPerFormPerMinute) is { } perForm)
            form = form with { MaxPerFormPerMinute = perForm };

        if (Blank(row.HoneypotFields) is { } honeypots)
            form = form with { HoneypotFields = honeypots.Split(s_separators, StringSplitOptions.RemoveEmptyEntries) };

        return form;
    }
}
