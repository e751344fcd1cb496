using LeadIntake.Domain.Capture;

namespace LeadIntake.Application.Capture;

/// <summary>Accepts a validated submission by putting it on the <c>lead-captured</c> queue.</summary>
/// <remarks>Returns only after the queue accepted the message: a receipt is a promise that the lead will be stored. Thread-safe.</remarks>
public sealed class CaptureLead(ILeadCaptureQueue queue)
{
    /// <summary>Queues <paramref name="submission"/> and returns its receipt.</summary>
    public async Task<LeadReceipt> AcceptAsync(LeadSubmission submission, CancellationToken cancellationToken)
    {
        await queue.SendAsync(LeadSubmissionMessage.Serialize(submission), cancellationToken);
        return new LeadReceipt(submission.LeadId, submission.SubmissionId);
    }
}

/// <summary>The <c>lead-captured</c> queue.</summary>
public interface ILeadCaptureQueue
{
    /// <summary>Sends one submission message; returns once the queue accepted it.</summary>
    Task SendAsync(string message, CancellationToken cancellationToken);
}
