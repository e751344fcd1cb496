using System.Text.Encodings.Web;
using System.Text.Json;

namespace LeadIntake.Domain.Capture;

/// <summary>The <c>lead-captured</c> queue message: a <see cref="LeadSubmission"/> as versioned JSON.</summary>
/// <remarks>
/// Format (camelCase, nulls omitted): version, submissionId, leadId, email, firstName, lastName, company,
/// jobTitle, phone, country, message, consentMarketing, consentVersion, contactRequested, formId, customFields {name: value},
/// utm {source, medium, campaign, term, content, gclid, fbclid}, pageUrl, pageReferrer, receivedAt (ISO-8601),
/// userAgent, referer, clientIpHash.
/// Versions: 1 — first format (2026-11); consentVersion added 2026-12 (optional, absent in older messages, which read as
/// before: no wording version recorded). An optional field is added within a version: a build that does not know it
/// ignores it, so instances of both builds can share the queue during a deployment. Readers refuse versions they do not
/// know; add a version for anything else, never change the meaning of a field in place.
/// </remarks>
public static class LeadSubmissionMessage
{
    /// <summary>The version this build writes and the only one it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The Azure Queue Storage limit on one message as sent, i.e. after base64: 64 KiB.</summary>
    public const int QueueMessageMaxBytes = 64 * 1024;

    /// <summary>
    /// Largest message in UTF-8 bytes before base64: 46 KiB (47,104 bytes).
    /// </summary>
    /// <remarks>
    /// Base64 turns 3 bytes into 4 characters, so the most a queue message can carry is 3/4 of
    /// <see cref="QueueMessageMaxBytes"/> = 48 KiB, which encodes to exactly 64 KiB. 46 KiB encodes to 62.7 KiB,
    /// keeping 1.3 KiB of room under the limit. The parser refuses a submission whose message would be larger
    /// (<see cref="TrySerialize"/>), because every field at its limit in the characters that escape worst
    /// (an emoji is 2 UTF-16 characters but 12 bytes as <c>\uD83D\uDE00</c>) does not fit.
    /// </remarks>
    public const int MaxBytes = 46 * 1024;

    // Relaxed escaping keeps non-ASCII as UTF-8 (3 bytes, not a 6-byte \uXXXX), so limits hold in any script.
    // Safe here: the message is read by our own JSON reader, never embedded in HTML.
    private static readonly LeadSubmissionJsonContext _context = new(new JsonSerializerOptions(LeadSubmissionJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Writes the message JSON.</summary>
    public static string Serialize(LeadSubmission submission) =>
        JsonSerializer.Serialize(ToMessage(submission), _context.LeadSubmissionMessageV1);

    /// <summary>Writes the message JSON as UTF-8 bytes.</summary>
    public static byte[] SerializeToUtf8Bytes(LeadSubmission submission) =>
        JsonSerializer.SerializeToUtf8Bytes(ToMessage(submission), _context.LeadSubmissionMessageV1);

    /// <summary>Writes the message as UTF-8 bytes and says whether it fits a queue message.</summary>
    /// <param name="submission">The submission to write.</param>
    /// <param name="utf8Json">The message, also when it is too large (so the caller can say by how much).</param>
    /// <returns>True when <paramref name="utf8Json"/> is at most <see cref="MaxBytes"/> bytes and can be enqueued.</returns>
    /// <remarks>
    /// A submission accepted by <see cref="LeadSubmissionParser.Parse"/> always fits: the parser calls this and
    /// refuses the form otherwise. Call it where a message is enqueued, to enqueue exactly the bytes measured.
    /// </remarks>
    public static bool TrySerialize(LeadSubmission submission, out byte[] utf8Json)
    {
        utf8Json = SerializeToUtf8Bytes(submission);
        return utf8Json.Length <= MaxBytes;
    }

    /// <summary>Reads a message and checks it with the capture rules.</summary>
    /// <param name="json">The message text (already base64-decoded).</param>
    /// <param name="limits">The capture limits; <see cref="LeadCaptureLimits.Default"/> when null.</param>
    /// <exception cref="MalformedMessageException">Not JSON, an unknown version, or an invalid submission.</exception>
    public static LeadSubmission Deserialize(string json, LeadCaptureLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        LeadSubmissionMessageV1? message;
        try
        {
            message = JsonSerializer.Deserialize(json, _context.LeadSubmissionMessageV1);
        }
        catch (JsonException e)
        {
            throw new MalformedMessageException(MalformedMessageReason.InvalidJson, $"The lead-captured message is not valid JSON: {e.Message}", e);
        }

        if (message is null)
        {
            throw new MalformedMessageException(MalformedMessageReason.InvalidJson, "The lead-captured message is JSON null.");
        }

        if (message.Version != CurrentVersion)
        {
            var found = message.Version == 0 ? "no version" : $"version {message.Version}";
            throw new MalformedMessageException(
                MalformedMessageReason.UnsupportedVersion,
                $"The lead-captured message has {found}; this build reads version {CurrentVersion}.");
        }

        var problems = LeadSubmissionMessageChecks.Check(message, limits ?? LeadCaptureLimits.Default);
        if (problems.Count > 0)
        {
            throw new MalformedMessageException(
                MalformedMessageReason.InvalidSubmission,
                "The lead-captured message holds an invalid submission: " + string.Join("; ", problems));
        }

        return FromMessage(message);
    }

    private static LeadSubmissionMessageV1 ToMessage(LeadSubmission s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new LeadSubmissionMessageV1
        {
            Version = CurrentVersion,
            SubmissionId = s.SubmissionId,
            LeadId = s.LeadId,
            Email = s.Email,
            FirstName = s.FirstName,
            LastName = s.LastName,
            Company = s.Company,
            JobTitle = s.JobTitle,
            Phone = s.Phone,
            Country = s.Country,
            Message = s.Message,
            ConsentMarketing = s.ConsentMarketing,
            ConsentVersion = s.ConsentVersion,
            ContactRequested = s.ContactRequested,
            FormId = s.FormId,
            CustomFields = s.CustomFields.Count == 0 ? null : new Dictionary<string, string>(s.CustomFields),
            Utm = s.Utm.IsEmpty ? null : new UtmMessageV1
            {
                Source = s.Utm.Source,
                Medium = s.Utm.Medium,
                Campaign = s.Utm.Campaign,
                Term = s.Utm.Term,
                Content = s.Utm.Content,
                Gclid = s.Utm.Gclid,
                Fbclid = s.Utm.Fbclid,
            },
            PageUrl = s.PageUrl,
            PageReferrer = s.PageReferrer,
            ReceivedAt = s.ReceivedAt,
            UserAgent = s.UserAgent,
            Referer = s.Referer,
            ClientIpHash = s.ClientIpHash,
        };
    }

    private static LeadSubmission FromMessage(LeadSubmissionMessageV1 m) => new()
    {
        SubmissionId = m.SubmissionId!,
        LeadId = m.LeadId!,
        Email = m.Email!,
        FirstName = m.FirstName,
        LastName = m.LastName,
        Company = m.Company,
        JobTitle = m.JobTitle,
        Phone = m.Phone,
        Country = m.Country,
        Message = m.Message,
        ConsentMarketing = m.ConsentMarketing,
        ConsentVersion = m.ConsentVersion,
        ContactRequested = m.ContactRequested,
        FormId = m.FormId,
        CustomFields = new Dictionary<string, string>(m.CustomFields ?? [], StringComparer.OrdinalIgnoreCase),
        Utm = m.Utm is { } u ? new UtmParameters(u.Source, u.Medium, u.Campaign, u.Term, u.Content, u.Gclid, u.Fbclid) : UtmParameters.None,
        PageUrl = m.PageUrl,
        PageReferrer = m.PageReferrer,
        ReceivedAt = m.ReceivedAt!.Value.ToUniversalTime(),
        UserAgent = m.UserAgent,
        Referer = m.Referer,
        ClientIpHash = m.ClientIpHash,
    };
}
