namespace LeadIntake.Domain.Capture;

/// <summary>Canonical names of the fields the pipeline understands.</summary>
/// <remarks>
/// Forms may post them camelCase or snake_case, in any letter case ("first_name", "FirstName"); the parser maps
/// them here. These names are also the JSON names in the queue message and the keys of
/// <see cref="Leads.Lead.FieldUpdatedAt"/>. Names starting with "_" are control fields (e.g. "_redirect").
/// </remarks>
public static class LeadFieldNames
{
    /// <summary>Email address (required).</summary>
    public const string Email = "email";

    /// <summary>First name.</summary>
    public const string FirstName = "firstName";

    /// <summary>Last name.</summary>
    public const string LastName = "lastName";

    /// <summary>Company.</summary>
    public const string Company = "company";

    /// <summary>Job title.</summary>
    public const string JobTitle = "jobTitle";

    /// <summary>Phone.</summary>
    public const string Phone = "phone";

    /// <summary>Country.</summary>
    public const string Country = "country";

    /// <summary>Free-text message.</summary>
    public const string Message = "message";

    /// <summary>Marketing consent checkbox.</summary>
    public const string ConsentMarketing = "consentMarketing";

    /// <summary>"Contact me" checkbox.</summary>
    public const string ContactRequested = "contactRequested";

    /// <summary>Form id.</summary>
    public const string FormId = "formId";

    /// <summary>URL of the page the form is on.</summary>
    public const string PageUrl = "pageUrl";

    /// <summary>The page's own referrer (also accepted as "referrer").</summary>
    public const string PageReferrer = "pageReferrer";

    /// <summary>utm_source.</summary>
    public const string UtmSource = "utm_source";

    /// <summary>utm_medium.</summary>
    public const string UtmMedium = "utm_medium";

    /// <summary>utm_campaign.</summary>
    public const string UtmCampaign = "utm_campaign";

    /// <summary>utm_term.</summary>
    public const string UtmTerm = "utm_term";

    /// <summary>utm_content.</summary>
    public const string UtmContent = "utm_content";

    /// <summary>Google Ads click id.</summary>
    public const string Gclid = "gclid";

    /// <summary>Facebook/Meta click id.</summary>
    public const string Fbclid = "fbclid";

    /// <summary>Control field carrying the idempotency key of a plain form post (the <c>Idempotency-Key</c> header's twin).</summary>
    public const string IdempotencyKey = ControlPrefix + "idempotency_key";

    /// <summary>Prefix of control fields, which are not lead data (e.g. "_redirect").</summary>
    public const string ControlPrefix = "_";
}
