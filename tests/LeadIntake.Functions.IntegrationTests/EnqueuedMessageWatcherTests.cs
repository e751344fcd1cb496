using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The in-process wake-up a local listener waits on between polls.</summary>
public sealed class EnqueuedMessageWatcherTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task WaitAsync_NotifiedBeforeWaiting_ReturnsTrueAtOnce()
    {
        var watcher = new EnqueuedMessageWatcher();
        watcher.Notify("lead-captured");

        var waiting = watcher.WaitAsync("lead-captured", s_long);

        Assert.True(waiting.IsCompleted);
        Assert.True(await waiting);
    }

    [Fact]
    public async Task WaitAsync_NotifiedWhileWaiting_ReturnsTrue()
    {
        var watcher = new EnqueuedMessageWatcher();
        var waiting = watcher.WaitAsync("lead-captured", s_long);
        Assert.False(waiting.IsCompleted);

        watcher.Notify("lead-captured");

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WaitAsync_SeveralNotificationsConsumed_NextWaitTimesOut()
    {
        var watcher = new EnqueuedMessageWatcher();
        watcher.Notify("lead-captured");
        watcher.Notify("lead-captured");

        Assert.True(await watcher.WaitAsync("lead-captured", TimeSpan.Zero));
        Assert.False(await watcher.WaitAsync("lead-captured", TimeSpan.Zero));
    }

    [Fact]
    public async Task WaitAsync_OtherQueueNotified_TimesOut()
    {
        var watcher = new EnqueuedMessageWatcher();
        watcher.Notify("sales-handoff");

        Assert.False(await watcher.WaitAsync("lead-captured", TimeSpan.Zero));
    }
}
