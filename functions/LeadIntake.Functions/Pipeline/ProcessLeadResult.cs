namespace LeadIntake.Functions.Pipeline;

/// <summary>What one run of <see cref="ProcessLeadStep"/> did, for logs and the host's invocation log.</summary>
/// <param name="LeadId">The lead processed.</param>
/// <param name="SubmissionId">The submission processed.</param>
/// <param name="AlreadyProcessed">True when the submission had been merged before (a redelivery): nothing was written.</param>
/// <param name="Stage">The lead's stage code afterwards.</param>
/// <param name="Score">The lead's score afterwards.</param>
/// <param name="StageChanges">How many stage changes were recorded.</param>
/// <param name="Attempts">How many read-merge-write rounds the ETag check needed.</param>
public sealed record ProcessLeadResult(
    string LeadId, string SubmissionId, bool AlreadyProcessed, string Stage, int Score, int StageChanges, int Attempts)
{
    /// <summary>Readable lines for the invocation log.</summary>
    public IReadOnlyList<string> LogLines => AlreadyProcessed
        ? [$"lead {LeadId}: submission {SubmissionId} already processed; nothing written"]
        : [$"lead {LeadId}: submission {SubmissionId} merged; stage {Stage}, score {Score}, {StageChanges} stage change(s), {Attempts} attempt(s)"];
}
