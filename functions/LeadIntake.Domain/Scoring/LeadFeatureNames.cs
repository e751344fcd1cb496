namespace LeadIntake.Domain.Scoring;

/// <summary>The intake-time features of a lead: stable lower_snake_case names, in schema order.</summary>
/// <remarks>
/// These names are the columns of the closed-loop training export, so a trained model and the points model
/// use exactly these. Only what is known at intake: nothing sales fills in later (no leakage).
/// Add names at the end; never rename one (old snapshots and models refer to them).
/// </remarks>
public static class LeadFeatureNames
{
    /// <summary>"corporate", "free_mail", "disposable" or "role".</summary>
    public const string EmailClass = "email_class";

    /// <summary>Last label of the email domain ("com", "de", "uk").</summary>
    public const string EmailDomainTld = "email_domain_tld";

    /// <summary>First-touch channel code ("paid_search", …, "direct").</summary>
    public const string Channel = "channel";

    /// <summary>Last-touch channel code.</summary>
    public const string LastChannel = "last_channel";

    /// <summary>First-touch source (utm_source or referring site), lower-case.</summary>
    public const string UtmSource = "utm_source";

    /// <summary>First-touch medium, lower-case.</summary>
    public const string UtmMedium = "utm_medium";

    /// <summary>First-touch campaign, lower-case.</summary>
    public const string UtmCampaign = "utm_campaign";

    /// <summary>Country as typed, lower-case.</summary>
    public const string Country = "country";

    /// <summary>Job title as typed, lower-case.</summary>
    public const string JobTitle = "job_title";

    /// <summary>"c_level", "vp", "director", "manager", "individual", "student" or "unknown".</summary>
    public const string JobSeniority = "job_seniority";

    /// <summary>The latest form id, lower-case.</summary>
    public const string FormId = "form_id";

    /// <summary>1 when a company name is known, else 0.</summary>
    public const string HasCompany = "has_company";

    /// <summary>1 when a phone number is known, else 0.</summary>
    public const string HasPhone = "has_phone";

    /// <summary>1 when the lead asked to be contacted (latest explicit answer), else 0.</summary>
    public const string ContactRequested = "contact_requested";

    /// <summary>1 when the lead consented to marketing (latest explicit answer), else 0.</summary>
    public const string ConsentMarketing = "consent_marketing";

    /// <summary>Length in characters of the latest message (0 when none).</summary>
    public const string MessageLength = "message_length";

    /// <summary>Number of form submissions so far.</summary>
    public const string SubmissionCount = "submission_count";

    /// <summary>Number of custom fields known.</summary>
    public const string CustomFieldCount = "custom_field_count";

    /// <summary>Every feature name, in schema order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        EmailClass, EmailDomainTld, Channel, LastChannel, UtmSource, UtmMedium, UtmCampaign, Country, JobTitle,
        JobSeniority, FormId, HasCompany, HasPhone, ContactRequested, ConsentMarketing, MessageLength,
        SubmissionCount, CustomFieldCount,
    ];

    private static readonly HashSet<string> _numeric =
        [HasCompany, HasPhone, ContactRequested, ConsentMarketing, MessageLength, SubmissionCount, CustomFieldCount];

    /// <summary>True for a known feature name.</summary>
    public static bool IsKnown(string name) => All.Contains(name);

    /// <summary>True for numeric features (values are doubles); the others are categorical strings.</summary>
    public static bool IsNumeric(string name) => _numeric.Contains(name);
}
