using System.Collections.Concurrent;

namespace LeadIntake.Functions.Hosting;

/// <summary>Lets code in this process that just sent a queue message wake that queue's idle local listener.</summary>
/// <remarks>
/// The Functions host does the same for messages its own functions enqueue (the WebJobs SDK's shared queue watcher):
/// a listener polling an empty queue with back-off looks again at once instead of after up to
/// <see cref="QueueTriggerSettings.MaxPollingInterval"/>. A notification only shortens a wait; correctness never
/// depends on it, since messages from other processes are still found by polling. Thread-safe.
/// </remarks>
public sealed class EnqueuedMessageWatcher
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    /// <summary>Records that a message was sent to <paramref name="queueName"/>; wakes a listener waiting on it.</summary>
    public void Notify(string queueName)
    {
        var signal = SignalFor(queueName);
        lock (signal)
        {
            if (signal.CurrentCount == 0)
                signal.Release();
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a <see cref="Notify"/> on <paramref name="queueName"/>.</summary>
    /// <returns>True when notified (including a notification made since the last wait), false when the time ran out.</returns>
    public Task<bool> WaitAsync(string queueName, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        SignalFor(queueName).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim SignalFor(string queueName) => _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
}
