namespace LeadIntake.Domain.Capture;

/// <summary>One validated, normalised form submission: what goes on the <c>lead-captured</c> queue.</summary>
/// <remarks>
/// Built by <see cref="LeadSubmissionParser"/> or read back by <see cref="LeadSubmissionMessage.Deserialize"/>.
/// Empty values are null. Flags are null when the form did not say (an unticked checkbox is not posted).
/// </remarks>
public sealed record LeadSubmission
{
    /// <summary>Unique id of this submission ("sb_" + 26 base32 characters, time-ordered).</summary>
    public required string SubmissionId { get; init; }

    /// <summary>The lead this submission belongs to (<see cref="LeadIdentity.LeadIdFor"/>).</summary>
    public required string LeadId { get; init; }

    /// <summary>Email as typed, trimmed, with a lower-case (ASCII/punycode) domain.</summary>
    public required string Email { get; init; }

    /// <summary>First name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    public string? LastName { get; init; }

    /// <summary>Company name as typed.</summary>
    public string? Company { get; init; }

    /// <summary>Job title as typed.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Phone number as typed (format checked, not reformatted).</summary>
    public string? Phone { get; init; }

    /// <summary>Country as typed.</summary>
    public string? Country { get; init; }

    /// <summary>Free-text message (line breaks kept as \n).</summary>
    public string? Message { get; init; }

    /// <summary>Marketing consent: true/false when the form said so explicitly, else null.</summary>
    public bool? ConsentMarketing { get; init; }

    /// <summary>
    /// Version of the consent wording the form showed (from the form registry), set when <see cref="ConsentMarketing"/>
    /// is true: with <see cref="FormId"/>, <see cref="ReceivedAt"/> and <see cref="PageUrl"/> it is the proof of consent.
    /// </summary>
    public string? ConsentVersion { get; init; }

    /// <summary>"Contact me" request: true/false when the form said so explicitly, else null.</summary>
    public bool? ContactRequested { get; init; }

    /// <summary>Which form was used.</summary>
    public string? FormId { get; init; }

    /// <summary>Fields the pipeline does not know, kept as posted (bounded by <see cref="LeadCaptureLimits"/>).</summary>
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();

    /// <summary>Campaign parameters, from fields or else from the page URL's query string.</summary>
    public UtmParameters Utm { get; init; } = UtmParameters.None;

    /// <summary>The page the form was on: the pageUrl field, else the Referer.</summary>
    public string? PageUrl { get; init; }

    /// <summary>The page's own referrer (document.referrer, posted by the snippet as "referrer").</summary>
    public string? PageReferrer { get; init; }

    /// <summary>When the endpoint received it (UTC).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The User-Agent header (cut to <see cref="LeadCaptureLimits.MaxUserAgentLength"/>).</summary>
    public string? UserAgent { get; init; }

    /// <summary>The Referer header, when it was an absolute http(s) URL.</summary>
    public string? Referer { get; init; }

    /// <summary>Keyed hash of the client IP (<see cref="LeadIdentity.HashClientIp"/>); never the IP itself.</summary>
    public string? ClientIpHash { get; init; }
}
