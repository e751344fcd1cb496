using Azure;
using LeadIntake.Storage;
using LeadIntake.Storage.Queues;

namespace LeadIntake.Functions.Hosting;

/// <summary>Runs one queue function locally with the Functions host's queue-trigger semantics.</summary>
/// <remarks>
/// Registered only when <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> is not set; under the host, the host's own listener calls
/// <c>POST /{FunctionName}</c> instead. Semantics (settings from host.json, <see cref="QueueTriggerSettings"/>):
/// messages are received in batches of <c>batchSize</c>, a new batch once no more than <c>newBatchThreshold</c> are
/// still running (so at most <c>batchSize + newBatchThreshold</c> run at once), and held invisible for
/// <see cref="QueueTriggerSettings.ProcessingLease"/>; a success deletes the message; a failure makes it visible
/// again after <c>visibilityTimeout</c>, and the attempt numbered <c>maxDequeueCount</c> copies it to
/// <c>&lt;queue&gt;-poison</c> and deletes it. An empty queue is polled with randomised exponential back-off up to
/// <c>maxPollingInterval</c>, cut short when this process enqueues to it (<see cref="EnqueuedMessageWatcher"/>).
/// Whole batches matter beyond matching the host: a receive costs about the same for one message as for sixteen, and on
/// Azurite that cost grows with the queue's length (each receive scans and sorts the queue).
/// On shutdown it stops receiving and lets in-flight messages finish.
/// </remarks>
public sealed class LocalQueueListener(
    QueueFunction function,
    StorageClients storage,
    StorageInitializer initializer,
    QueueTriggerSettings settings,
    EnqueuedMessageWatcher watcher,
    ILogger<LocalQueueListener> logger) : BackgroundService
{
    private static readonly TimeSpan s_minPollingInterval = TimeSpan.FromMilliseconds(50);
    private readonly QueueClient _queue = storage.Queues.GetQueueClient(function.QueueName);
    private readonly string _poisonQueueName = StorageNames.PoisonQueueFor(function.QueueName);
    private readonly QueueClient _poisonQueue = storage.Queues.GetQueueClient(StorageNames.PoisonQueueFor(function.QueueName));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await initializer.WaitUntilReadyAsync(stoppingToken);
        var capacity = settings.BatchSize + settings.NewBatchThreshold;
        using var slots = new SemaphoreSlim(capacity, capacity);
        var inFlight = new List<Task>();
        var idleDelay = s_minPollingInterval;
        logger.LogInformation("Local queue listener for {Function} on {Queue} started", function.Name, function.QueueName);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A new batch once at most newBatchThreshold messages are still running, as the host does.
                for (var i = 0; i < settings.BatchSize; i++)
                    await slots.WaitAsync(stoppingToken);
                var reserved = settings.BatchSize;

                QueueMessage[] messages;
                try
                {
                    messages = (await _queue.ReceiveMessagesAsync(reserved, QueueTriggerSettings.ProcessingLease, cancellationToken: stoppingToken)).Value;
                }
                catch (RequestFailedException e)
                {
                    logger.LogWarning("Receiving from {Queue} failed ({Status} {ErrorCode})", function.QueueName, e.Status, e.ErrorCode);
                    messages = [];
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A listener that dies would stop the whole app (BackgroundService default): log and poll again.
                    logger.LogError(e, "Receiving from {Queue} failed", function.QueueName);
                    messages = [];
                }

                var unused = reserved - messages.Length;
                if (unused > 0)
                    slots.Release(unused);
                inFlight.RemoveAll(task => task.IsCompleted);
                foreach (var message in messages)
                    inFlight.Add(ProcessAndReleaseAsync(message, slots));

                if (messages.Length > 0)
                {
                    idleDelay = s_minPollingInterval;
                    continue;
                }

                var notified = await watcher.WaitAsync(function.QueueName, Jitter(idleDelay), stoppingToken);
                idleDelay = notified
                    ? s_minPollingInterval
                    : TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, settings.MaxPollingInterval.Ticks));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: stop receiving; the messages already received finish below.
        }

        await Task.WhenAll(inFlight);
        logger.LogInformation("Local queue listener for {Function} stopped", function.Name);
    }

    private async Task ProcessAndReleaseAsync(QueueMessage message, SemaphoreSlim slots)
    {
        try
        {
            await ProcessAsync(message);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task ProcessAsync(QueueMessage message)
    {
        // In-flight work is not cancelled on shutdown: the host also lets a started invocation finish.
        var cancellationToken = CancellationToken.None;
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, cancellationToken);
                return;
            }

            await function.RunAsync(message.MessageText, cancellationToken);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Function} failed for message {MessageId} (attempt {DequeueCount} of {MaxDequeueCount})",
                function.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount);
            await ReleaseOrPoisonAsync(message, cancellationToken);
        }
    }

    private async Task ReleaseOrPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
                await MoveToPoisonAsync(message, cancellationToken);
            else
                await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, null, settings.VisibilityTimeout, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            // The lease then simply expires and the message comes back: the same outcome, a little later.
            logger.LogWarning("Could not release message {MessageId} on {Queue} ({Status} {ErrorCode})",
                message.MessageId, function.QueueName, e.Status, e.ErrorCode);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await _poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _poisonQueue.SendMessageAsync(message.MessageText, cancellationToken: cancellationToken);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        logger.LogWarning("Message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts",
            message.MessageId, _poisonQueueName, message.DequeueCount);
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
}
