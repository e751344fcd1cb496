namespace LeadIntake.Domain.Capture;

/// <summary>The table of known fields and the spellings a form may use for them.</summary>
internal static class LeadFormFields
{
    public static readonly LeadFormField Email = new(LeadFieldNames.Email, "Email address", LeadFieldKind.Email, l => l.MaxEmailLength);
    public static readonly LeadFormField FirstName = new(LeadFieldNames.FirstName, "First name", LeadFieldKind.SingleLine, l => l.MaxNameLength);
    public static readonly LeadFormField LastName = new(LeadFieldNames.LastName, "Last name", LeadFieldKind.SingleLine, l => l.MaxNameLength);
    public static readonly LeadFormField Company = new(LeadFieldNames.Company, "Company", LeadFieldKind.SingleLine, l => l.MaxCompanyLength);
    public static readonly LeadFormField JobTitle = new(LeadFieldNames.JobTitle, "Job title", LeadFieldKind.SingleLine, l => l.MaxJobTitleLength);
    public static readonly LeadFormField Phone = new(LeadFieldNames.Phone, "Phone", LeadFieldKind.Phone, l => l.MaxPhoneLength);
    public static readonly LeadFormField Country = new(LeadFieldNames.Country, "Country", LeadFieldKind.SingleLine, l => l.MaxCountryLength);
    public static readonly LeadFormField Message = new(LeadFieldNames.Message, "Message", LeadFieldKind.MultiLine, l => l.MaxMessageLength);
    public static readonly LeadFormField ConsentMarketing = new(LeadFieldNames.ConsentMarketing, "Marketing consent", LeadFieldKind.Flag, _ => 0);
    public static readonly LeadFormField ContactRequested = new(LeadFieldNames.ContactRequested, "Contact request", LeadFieldKind.Flag, _ => 0);
    public static readonly LeadFormField FormId = new(LeadFieldNames.FormId, "Form id", LeadFieldKind.SingleLine, l => l.MaxFormIdLength);
    public static readonly LeadFormField PageUrl = new(LeadFieldNames.PageUrl, "Page URL", LeadFieldKind.Url, l => l.MaxUrlLength);
    public static readonly LeadFormField PageReferrer = new(LeadFieldNames.PageReferrer, "Page referrer", LeadFieldKind.Url, l => l.MaxUrlLength);
    public static readonly LeadFormField UtmSource = new(LeadFieldNames.UtmSource, "utm_source", LeadFieldKind.Tracking, l => l.MaxUtmLength);
    public static readonly LeadFormField UtmMedium = new(LeadFieldNames.UtmMedium, "utm_medium", LeadFieldKind.Tracking, l => l.MaxUtmLength);
    public static readonly LeadFormField UtmCampaign = new(LeadFieldNames.UtmCampaign, "utm_campaign", LeadFieldKind.Tracking, l => l.MaxUtmLength);
    public static readonly LeadFormField UtmTerm = new(LeadFieldNames.UtmTerm, "utm_term", LeadFieldKind.Tracking, l => l.MaxUtmLength);
    public static readonly LeadFormField UtmContent = new(LeadFieldNames.UtmContent, "utm_content", LeadFieldKind.Tracking, l => l.MaxUtmLength);
    public static readonly LeadFormField Gclid = new(LeadFieldNames.Gclid, "gclid", LeadFieldKind.Tracking, l => l.MaxUtmLength);
    public static readonly LeadFormField Fbclid = new(LeadFieldNames.Fbclid, "fbclid", LeadFieldKind.Tracking, l => l.MaxUtmLength);

    /// <summary>The consent wording's version: set by capture from the form registry, checked in queue messages, never read from a form.</summary>
    public static readonly LeadFormField ConsentVersion = new("consentVersion", "Consent version", LeadFieldKind.SingleLine, l => l.MaxConsentVersionLength);

    /// <summary>The Referer header: checked in queue messages like a URL field, never read from a form.</summary>
    public static readonly LeadFormField RefererHeader = new("referer", "Referer", LeadFieldKind.Url, l => l.MaxUrlLength);

    /// <summary>The tracking fields, in <see cref="UtmParameters"/> order.</summary>
    public static readonly LeadFormField[] Tracking = [UtmSource, UtmMedium, UtmCampaign, UtmTerm, UtmContent, Gclid, Fbclid];

    // Keys are spellings with case, '_' and '-' removed: "first_name", "firstName" and "First-Name" all match.
    private static readonly Dictionary<string, LeadFormField> _bySpelling = BuildSpellings();

    /// <summary>Finds the known field a posted name refers to.</summary>
    public static bool TryResolve(string postedName, out LeadFormField field) =>
        _bySpelling.TryGetValue(Fold(postedName), out field!);

    private static Dictionary<string, LeadFormField> BuildSpellings()
    {
        var map = new Dictionary<string, LeadFormField>(StringComparer.Ordinal);
        LeadFormField[] all =
        [
            Email, FirstName, LastName, Company, JobTitle, Phone, Country, Message, ConsentMarketing, ContactRequested,
            FormId, PageUrl, PageReferrer, .. Tracking,
        ];
        foreach (var field in all)
        {
            map[Fold(field.Name)] = field;
        }

        map["emailaddress"] = Email;
        map["referrer"] = PageReferrer;
        return map;
    }

    private static string Fold(string name) =>
        string.Concat(name.Trim().Where(c => c is not ('_' or '-'))).ToLowerInvariant();
}
