using System.Text.Json;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Application.Processing;

/// <summary>The <c>sales-handoff</c> queue message: a lead just became sales-qualified (SQL).</summary>
/// <remarks>
/// JSON, camelCase: version, handoffId, leadId, submissionId, email, firstName, lastName, company, score, grade,
/// scoringModel, qualifiedAt. Delivery is at least once: consumers drop duplicates by <see cref="HandoffId"/>, which is
/// the same on every resend of one hand-off.
/// Versions: 1 — first format; 2 — adds <c>handoffId</c>.
/// </remarks>
public sealed record SalesHandoffMessage(
    int Version,
    string HandoffId,
    string LeadId,
    string SubmissionId,
    string Email,
    string? FirstName,
    string? LastName,
    string? Company,
    int Score,
    string? Grade,
    string? ScoringModel,
    DateTimeOffset QualifiedAt)
{
    /// <summary>The format version written today.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The hand-off of <paramref name="lead"/>, which <paramref name="submission"/> just made an SQL.</summary>
    public static SalesHandoffMessage For(LeadSubmission submission, Lead lead) => new(
        CurrentVersion, HandoffIdFor(lead.LeadId, submission.SubmissionId), lead.LeadId, submission.SubmissionId, lead.Email,
        lead.FirstName, lead.LastName, lead.Company, lead.Score, lead.Grade, lead.ScoringModel, lead.StageEnteredAt ?? submission.ReceivedAt);

    /// <summary>The deterministic id of the hand-off caused by one submission of one lead.</summary>
    public static string HandoffIdFor(string leadId, string submissionId) => $"{leadId}_{submissionId}";

    /// <summary>The message's JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>Reads a message written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a message.</exception>
    public static SalesHandoffMessage Parse(string json) =>
        JsonSerializer.Deserialize<SalesHandoffMessage>(json, JsonSerializerOptions.Web)
        ?? throw new JsonException("A sales hand-off message cannot be null.");
}
