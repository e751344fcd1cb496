namespace LeadIntake.Functions.Pipeline;

/// <summary>The <c>sales-handoff</c> queue message: a lead just became sales-qualified (SQL).</summary>
/// <remarks>
/// JSON, camelCase, in this order: version, leadId, submissionId, email, firstName, lastName, company, score, grade,
/// scoringModel, qualifiedAt. Version 1 is the first format. Consumers should de-duplicate by
/// (leadId, submissionId): delivery is at least once.
/// </remarks>
public sealed record SalesHandoffMessage(
    int Version,
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
    public const int CurrentVersion = 1;
}
