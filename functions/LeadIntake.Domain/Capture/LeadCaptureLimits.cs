namespace LeadIntake.Domain.Capture;

/// <summary>Bounds on what a lead form may contain.</summary>
/// <remarks>
/// Lengths are in UTF-16 characters after trimming. Every field at its limit in the characters that escape worst
/// does not fit a queue message, so the parser measures the message and refuses one over
/// <see cref="LeadSubmissionMessage.MaxBytes"/> (<see cref="LeadSubmissionMessage.TrySerialize"/>).
/// The 32 KiB request-body limit is enforced by the HTTP endpoint before parsing.
/// </remarks>
public sealed record LeadCaptureLimits
{
    /// <summary>
    /// Longest custom-field map, in UTF-16 characters of its stored JSON (<see cref="CustomFieldsSize.StoredLength"/>):
    /// 30,000. A fixed constant, not a setting: it comes from storage, not from the form.
    /// </summary>
    /// <remarks>
    /// The lead row keeps its merged custom fields as one JSON string property, and an Azure Table string property
    /// holds at most 32,768 UTF-16 characters (64 KiB). 30,000 leaves 2,768 characters of headroom for what
    /// <see cref="CustomFieldsSize"/> cannot see: a JSON writer whose Unicode tables are newer or older than the
    /// runtime's (a character it escapes costs 6, not 1). The parser refuses a submission over it, and
    /// <see cref="Leads.Lead.CustomFields"/> is kept within it when submissions are merged.
    /// </remarks>
    public const int MaxCustomFieldsStoredLength = 30_000;

    /// <summary>The limits used unless configured otherwise.</summary>
    public static LeadCaptureLimits Default { get; } = new();

    /// <summary>Most posted fields (all pairs, control fields included). Default 100.</summary>
    public int MaxFields { get; init; } = 100;

    /// <summary>Longest field name. Default 64.</summary>
    public int MaxFieldNameLength { get; init; } = 64;

    /// <summary>Longest email address (RFC 5321 path limit). Default 254.</summary>
    public int MaxEmailLength { get; init; } = 254;

    /// <summary>Longest first or last name. Default 100.</summary>
    public int MaxNameLength { get; init; } = 100;

    /// <summary>Longest company name. Default 200.</summary>
    public int MaxCompanyLength { get; init; } = 200;

    /// <summary>Longest job title. Default 150.</summary>
    public int MaxJobTitleLength { get; init; } = 150;

    /// <summary>Longest phone number. Default 40.</summary>
    public int MaxPhoneLength { get; init; } = 40;

    /// <summary>Longest country. Default 100.</summary>
    public int MaxCountryLength { get; init; } = 100;

    /// <summary>Longest free-text message. Default 5,000.</summary>
    public int MaxMessageLength { get; init; } = 5000;

    /// <summary>Longest form id. Default 100.</summary>
    public int MaxFormIdLength { get; init; } = 100;

    /// <summary>Longest consent wording version (from the form registry) a queue message may carry. Default 100.</summary>
    public int MaxConsentVersionLength { get; init; } = 100;

    /// <summary>Longest page URL or referrer. Default 2,048.</summary>
    public int MaxUrlLength { get; init; } = 2048;

    /// <summary>Longest UTM parameter or click id. Default 250.</summary>
    public int MaxUtmLength { get; init; } = 250;

    /// <summary>Longest User-Agent kept; longer ones are cut. Default 512.</summary>
    public int MaxUserAgentLength { get; init; } = 512;

    /// <summary>Most custom (unknown) fields kept. Default 20.</summary>
    public int MaxCustomFields { get; init; } = 20;

    /// <summary>Longest custom field value. Default 1,000.</summary>
    public int MaxCustomFieldLength { get; init; } = 1000;
}
