using System.Text.Json;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Application.Processing;

/// <summary>The <c>sales-handoff</c> queue message: a lead was just handed to sales.</summary>
/// <remarks>
/// JSON, camelCase: version, handoffId, leadId, causeId, email, firstName, lastName, company, country, stage, owner,
/// score, grade, engagement, scoringModel, policyVersion, reason, handedOffAt, responseDueAt. Delivery is at least once:
/// consumers drop duplicates by <see cref="HandoffId"/>, which is the same on every resend of one hand-off.
/// Versions: 1 — first format; 2 — adds <c>handoffId</c>; 3 — <c>submissionId</c> becomes <c>causeId</c> (the submission,
/// activity batch or deadline that caused the hand-off), <c>qualifiedAt</c> becomes <c>handedOffAt</c>, adds country, stage,
/// owner, engagement, policyVersion, reason and responseDueAt.
/// </remarks>
public sealed record SalesHandoffMessage(
    int Version,
    string HandoffId,
    string LeadId,
    string CauseId,
    string Email,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Country,
    string Stage,
    string? Owner,
    int Score,
    string? Grade,
    int Engagement,
    string? ScoringModel,
    string? PolicyVersion,
    string? Reason,
    DateTimeOffset HandedOffAt,
    DateTimeOffset? ResponseDueAt)
{
    /// <summary>The format version written today.</summary>
    public const int CurrentVersion = 3;

    /// <summary>The hand-off of <paramref name="lead"/>, just handed over because of <paramref name="causeId"/>.</summary>
    /// <exception cref="ArgumentException">The lead has not been handed over.</exception>
    public static SalesHandoffMessage For(Lead lead, string causeId) => new(
        CurrentVersion, HandoffIdFor(lead.LeadId, causeId), lead.LeadId, causeId, lead.Email, lead.FirstName, lead.LastName, lead.Company,
        lead.Country, FunnelStageCodes.ToCode(lead.Stage), lead.Owner, lead.Score, lead.Grade, lead.Engagement, lead.ScoringModel,
        lead.PolicyVersion, lead.StageReason,
        lead.HandedOffAt ?? throw new ArgumentException($"Lead {lead.LeadId} has not been handed over.", nameof(lead)), lead.ResponseDueAt);

    /// <summary>The deterministic id of the hand-off caused by one submission, activity batch or deadline of one lead.</summary>
    public static string HandoffIdFor(string leadId, string causeId) => $"{leadId}_{causeId}";

    /// <summary>The message's JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>Reads a message written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a message.</exception>
    public static SalesHandoffMessage Parse(string json) =>
        JsonSerializer.Deserialize<SalesHandoffMessage>(json, JsonSerializerOptions.Web)
        ?? throw new JsonException("A sales hand-off message cannot be null.");
}
