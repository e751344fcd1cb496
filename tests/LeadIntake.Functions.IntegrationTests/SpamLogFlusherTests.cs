using LeadIntake.Application.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The SpamLogFlusher hosted service on a fake clock: a flush every 10 seconds, one at shutdown, failures kept.</summary>
public sealed class SpamLogFlusherTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);   // real time, for the background loop

    [Fact]
    public async Task Tick_EveryTenSeconds_CountsWritten()
    {
        var time = new FakeTimeProvider(s_t0);
        var store = new SignallingStore();
        var log = new SpamLog(store);
        using var flusher = new SpamLogFlusher(log, time, NullLogger<SpamLogFlusher>.Instance);
        await flusher.StartAsync(CancellationToken.None);
        log.Record("demo", SpamReason.Honeypot, s_t0);

        await TickUntilAsync(time, store.Written.Task);

        Assert.Equal(new SpamCount(new DateOnly(2026, 12, 1), "demo", SpamReason.Honeypot, 1, s_t0), Assert.Single(store.Added));
        await flusher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stop_PendingCounts_WrittenOnceAtShutdown()
    {
        var store = new SignallingStore();
        var log = new SpamLog(store);
        using var flusher = new SpamLogFlusher(log, new FakeTimeProvider(s_t0), NullLogger<SpamLogFlusher>.Instance);
        await flusher.StartAsync(CancellationToken.None);
        log.Record("demo", SpamReason.TooFast, s_t0);
        log.Record("demo", SpamReason.TooFast, s_t0);

        await flusher.StopAsync(CancellationToken.None);

        Assert.Equal(2, Assert.Single(store.Added).Count);
        Assert.Equal(0, log.PendingKeys);
    }

    [Fact]
    public async Task Tick_StoreDown_LoggedNotThrownCountsWrittenAtShutdown()
    {
        var time = new FakeTimeProvider(s_t0);
        var store = new SignallingStore { Down = true };
        var log = new SpamLog(store);
        using var flusher = new SpamLogFlusher(log, time, NullLogger<SpamLogFlusher>.Instance);
        await flusher.StartAsync(CancellationToken.None);
        log.Record("demo", SpamReason.Honeypot, s_t0);

        await TickUntilAsync(time, store.Tried.Task);
        store.Down = false;
        await flusher.StopAsync(CancellationToken.None);

        Assert.Equal(1, Assert.Single(store.Added).Count);
    }

    // ExecuteAsync starts on the thread pool, so its timer may not exist yet when the test first advances the clock:
    // advance one interval at a time until the flush happened.
    private static async Task TickUntilAsync(FakeTimeProvider time, Task done)
    {
        var deadline = DateTime.UtcNow + s_wait;
        while (!done.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(SpamLogFlusher.Interval);
            await Task.WhenAny(done, Task.Delay(50));
        }

        await done.WaitAsync(TimeSpan.Zero);
    }

    private sealed class SignallingStore : ISpamCountStore
    {
        private readonly Lock _lock = new();

        public List<SpamCount> Added { get; } = [];

        public volatile bool Down;

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Tried { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task AddAsync(SpamCount count, CancellationToken cancellationToken)
        {
            Tried.TrySetResult();
            if (Down)
                throw new IOException("storage down");
            lock (_lock)
                Added.Add(count);
            Written.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
