namespace LeadIntake.Application.Capture;

/// <summary>What a JSON client gets back once its submission is queued: <c>{"leadId": …, "submissionId": …}</c>.</summary>
/// <param name="LeadId">Stable id of the lead (same for every submission with the same normalised email).</param>
/// <param name="SubmissionId">Id of this submission.</param>
public sealed record LeadReceipt(string LeadId, string SubmissionId);
