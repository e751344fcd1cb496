using Azure;
using Azure.Storage.Queues;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Capture;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sla;
using LeadIntake.Application.Webhooks;

namespace LeadIntake.Storage;

/// <summary>The <c>lead-captured</c> queue on Azure Queue storage.</summary>
/// <remarks>Thread-safe. Storage failures surface as <see cref="RequestFailedException"/> (capture answers 503).</remarks>
public sealed class LeadCapturedQueue(QueueServiceClient queues) : ILeadCaptureQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.LeadCapturedQueue);

    /// <inheritdoc />
    public async Task SendAsync(string message, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.SendMessageAsync(message, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // QueueNotFound: a lead posted before start-up created the queue, or the queue was deleted. Not a reason to
            // turn a visitor away: create it and send again (a second failure surfaces as 503).
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _queue.SendMessageAsync(message, cancellationToken);
        }
    }
}

/// <summary>The <c>sales-handoff</c> queue on Azure Queue storage.</summary>
public sealed class SalesHandoffQueue(QueueServiceClient queues) : ISalesHandoffQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.SalesHandoffQueue);

    /// <inheritdoc />
    public async Task SendAsync(SalesHandoffMessage message, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(message.ToJson(), cancellationToken);
}

/// <summary>The <c>lead-activity</c> queue (Base64, as the queue trigger reads it).</summary>
public sealed class LeadActivityQueue(QueueServiceClient queues) : ILeadActivityQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.LeadActivityQueue);

    /// <inheritdoc />
    public async Task SendAsync(LeadActivityMessage message, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(message.ToJson(), cancellationToken);
}

/// <summary>The <c>sla-breaches</c> queue.</summary>
public sealed class SlaBreachQueue(QueueServiceClient queues) : ISlaBreachQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.SlaBreachesQueue);

    /// <inheritdoc />
    public async Task SendAsync(SlaBreachMessage message, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(message.ToJson(), cancellationToken);
}

/// <summary>The <c>handoff-webhook</c> queue on Azure Queue storage.</summary>
/// <remarks>Thread-safe. A delay becomes the message's initial visibility timeout, in whole seconds rounded up (the queue's unit).</remarks>
public sealed class HandoffWebhookQueue(QueueServiceClient queues) : IHandoffWebhookQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.HandoffWebhookQueue);

    /// <inheritdoc />
    public async Task SendAsync(HandoffWebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken)
    {
        // The SDK truncates to whole seconds; round up instead, so a message is never visible before its back-off ends.
        TimeSpan? visibility = delay > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds)) : null;
        await _queue.SendMessageAsync(delivery.ToJson(), visibility, cancellationToken: cancellationToken);
    }
}
