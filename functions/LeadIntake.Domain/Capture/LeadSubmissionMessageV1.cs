namespace LeadIntake.Domain.Capture;

/// <summary>The JSON shape of a version-1 <c>lead-captured</c> message (see <see cref="LeadSubmissionMessage"/>).</summary>
internal sealed class LeadSubmissionMessageV1
{
    public int Version { get; set; }

    public string? SubmissionId { get; set; }

    public string? LeadId { get; set; }

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    public string? JobTitle { get; set; }

    public string? Phone { get; set; }

    public string? Country { get; set; }

    public string? Message { get; set; }

    public bool? ConsentMarketing { get; set; }

    public string? ConsentVersion { get; set; }

    public bool? ContactRequested { get; set; }

    public string? FormId { get; set; }

    public Dictionary<string, string>? CustomFields { get; set; }

    public UtmMessageV1? Utm { get; set; }

    public string? PageUrl { get; set; }

    public string? PageReferrer { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    public string? UserAgent { get; set; }

    public string? Referer { get; set; }

    public string? ClientIpHash { get; set; }
}
