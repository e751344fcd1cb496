using Azure;
using LeadIntake.Domain.Capture;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using LeadIntake.Storage.Queues;

namespace LeadIntake.Functions.Pipeline;

/// <summary>Accepts a validated submission by putting it on the <c>lead-captured</c> queue.</summary>
/// <remarks>
/// Thread-safe. Storage failures surface as <see cref="Azure.RequestFailedException"/> (the endpoint answers 503).
/// Each accepted message is reported to <see cref="EnqueuedMessageWatcher"/>, so a local listener picks it up at once.
/// </remarks>
public sealed class LeadIntakeService(StorageClients storage, EnqueuedMessageWatcher watcher)
{
    private readonly QueueClient _leadCaptured = storage.Queues.GetQueueClient(StorageNames.LeadCapturedQueue);

    /// <summary>Queues <paramref name="submission"/>; returns only after the queue accepted the message.</summary>
    /// <exception cref="Azure.RequestFailedException">The queue did not accept the message.</exception>
    public async Task<LeadReceipt> AcceptAsync(LeadSubmission submission, CancellationToken cancellationToken = default)
    {
        var message = LeadSubmissionMessage.Serialize(submission);
        try
        {
            await _leadCaptured.SendMessageAsync(message, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // QueueNotFound: a lead posted before start-up created the queue, or the queue was deleted. Not a reason to
            // turn a visitor away: create it and send again (a second failure surfaces as 503).
            await _leadCaptured.CreateIfNotExistsAsync(cancellationToken);
            await _leadCaptured.SendMessageAsync(message, cancellationToken: cancellationToken);
        }

        watcher.Notify(StorageNames.LeadCapturedQueue);
        return new LeadReceipt(submission.LeadId, submission.SubmissionId);
    }
}
