using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using LeadIntake.Storage.Queues;
using LeadIntake.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The local listener's host semantics on a queue of its own: retries, poison, concurrency bound, graceful stop.</summary>
public sealed class LocalQueueListenerTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly AzuriteFixture _azurite = new();
    private StorageClients _storage = null!;
    private StorageInitializer _initializer = null!;
    private readonly EnqueuedMessageWatcher _watcher = new();
    private string _queueName = "";

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _storage = new StorageClients(
            _azurite.CreateTableServiceClient(), _azurite.CreateQueueServiceClient(), _azurite.CreateBlobServiceClient());
        _initializer = new StorageInitializer(_storage, NullLogger<StorageInitializer>.Instance);
        await _initializer.StartAsync(CancellationToken.None);
        await _initializer.WaitUntilReadyAsync();
        _queueName = _azurite.UniqueName("listener");
        await Queue.CreateIfNotExistsAsync();
        await PoisonQueue.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await _initializer.StopAsync(CancellationToken.None);
        await _azurite.DisposeAsync();
    }

    private QueueClient Queue => _storage.Queues.GetQueueClient(_queueName);

    [Fact]
    public async Task Listener_FailsTwiceThenSucceeds_ProcessedOnThirdAttemptNotPoisoned()
    {
        var attempts = 0;
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = Listener(new QueueTriggerSettings(5, TimeSpan.Zero, 4, 2, TimeSpan.FromMilliseconds(200)), (text, _) =>
        {
            if (Interlocked.Increment(ref attempts) < 3)
                throw new InvalidOperationException("transient");
            done.TrySetResult(text);
            return Task.CompletedTask;
        });
        await Queue.SendMessageAsync("{\"n\":1}");

        await listener.StartAsync(CancellationToken.None);
        var processed = await done.Task.WaitAsync(s_timeout);
        await Eventually.GetAsync(async () => (await Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "" : null, s_timeout, "the message deleted");
        await listener.StopAsync(CancellationToken.None);

        Assert.Equal("{\"n\":1}", processed);
        Assert.Equal(3, attempts);
        Assert.Empty((await PoisonQueue.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task Listener_AlwaysFails_PoisonedAfterMaxDequeueCount()
    {
        var attempts = 0;
        using var listener = Listener(new QueueTriggerSettings(3, TimeSpan.Zero, 4, 2, TimeSpan.FromMilliseconds(200)), (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("always");
        });
        await Queue.SendMessageAsync("bad");

        await listener.StartAsync(CancellationToken.None);
        var poisoned = await Eventually.GetAsync(async () => (await PoisonQueue.PeekMessagesAsync(1)).Value.FirstOrDefault(), s_timeout, "a poison message");
        await listener.StopAsync(CancellationToken.None);

        Assert.Equal("bad", poisoned.MessageText);
        Assert.Equal(3, attempts);   // maxDequeueCount 3: attempts 1..3, then poison
        Assert.Equal(0, (await Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Listener_ManyMessages_ConcurrencyBoundedByBatchSizePlusThreshold()
    {
        var running = 0;
        var maxRunning = 0;
        var processed = 0;
        using var listener = Listener(new QueueTriggerSettings(5, TimeSpan.Zero, 4, 2, TimeSpan.FromMilliseconds(200)), async (_, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref processed);
        });
        for (var i = 0; i < 30; i++)
            await Queue.SendMessageAsync($"{{\"n\":{i}}}");

        await listener.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(Volatile.Read(ref processed) == 30 ? "" : null), s_timeout, "30 messages processed");
        await listener.StopAsync(CancellationToken.None);

        Assert.InRange(maxRunning, 2, 6);   // batchSize 4 + newBatchThreshold 2
    }

    [Fact]
    public async Task StopAsync_MessageInFlight_FinishesItDeletesItAndStopsReceiving()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        using var listener = Listener(new QueueTriggerSettings(5, TimeSpan.Zero, 1, 1, TimeSpan.FromMilliseconds(200)), async (_, _) =>
        {
            Interlocked.Increment(ref calls);
            entered.TrySetResult();
            await release.Task;
        });
        await Queue.SendMessageAsync("first");
        await listener.StartAsync(CancellationToken.None);
        await entered.Task.WaitAsync(s_timeout);

        var stopping = listener.StopAsync(CancellationToken.None);
        await Queue.SendMessageAsync("second");
        await Task.Delay(500);
        Assert.False(stopping.IsCompleted, "stopped before the in-flight message finished");
        release.SetResult();
        await stopping.WaitAsync(s_timeout);

        Assert.Equal(1, calls);
        var left = (await Queue.PeekMessagesAsync(32)).Value;
        Assert.Equal("second", Assert.Single(left).MessageText);
    }

    private QueueClient PoisonQueue => _storage.Queues.GetQueueClient(StorageNames.PoisonQueueFor(_queueName));

    private LocalQueueListener Listener(QueueTriggerSettings settings, Func<string, CancellationToken, Task> run) =>
        new(new QueueFunction("Test", _queueName, run), _storage, _initializer, settings, _watcher, NullLogger<LocalQueueListener>.Instance);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
