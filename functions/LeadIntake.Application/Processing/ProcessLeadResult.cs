namespace LeadIntake.Application.Processing;

/// <summary>What one run of <see cref="ProcessLead"/> did, for the invocation log.</summary>
/// <param name="LeadId">The lead processed.</param>
/// <param name="SubmissionId">The submission processed.</param>
/// <param name="AlreadyProcessed">True when the submission had been merged before (a redelivery): no lead row was written.</param>
/// <param name="Stage">The lead's stage code afterwards.</param>
/// <param name="Score">The lead's fit score afterwards.</param>
/// <param name="Engagement">The lead's engagement afterwards.</param>
/// <param name="StageChanges">How many stage changes were recorded.</param>
/// <param name="Attempts">How many read-merge-write rounds the ETag check needed.</param>
/// <param name="HandoffsSent">How many sales hand-offs were sent (a new SQL, or one a failed earlier attempt left in the outbox).</param>
public sealed record ProcessLeadResult(
    string LeadId, string SubmissionId, bool AlreadyProcessed, string Stage, int Score, int Engagement, int StageChanges, int Attempts, int HandoffsSent)
{
    /// <summary>One readable line for the invocation log.</summary>
    public override string ToString() => AlreadyProcessed
        ? $"lead {LeadId}: submission {SubmissionId} already processed; {HandoffsSent} pending hand-off(s) sent"
        : $"lead {LeadId}: submission {SubmissionId} merged; stage {Stage}, fit {Score}, engagement {Engagement}, {StageChanges} stage change(s), {Attempts} attempt(s), {HandoffsSent} hand-off(s) sent";
}
