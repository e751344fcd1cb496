using LeadIntake.Application.Capture;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Hosting;

/// <summary>Writes the <see cref="SpamLog"/>'s counts to the SpamDaily table every <see cref="Interval"/> and once more at shutdown.</summary>
/// <remarks>
/// A failed flush is logged and retried at the next tick: the log keeps the counts (bounded), so storage that is down
/// delays the numbers, never the requests. The shutdown flush runs within the host's shutdown timeout.
/// </remarks>
public sealed class SpamLogFlusher(SpamLog log, TimeProvider timeProvider, ILogger<SpamLogFlusher> logger) : BackgroundService
{
    /// <summary>How often counts are written: 10 seconds (a marketer's view is at most that far behind).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private long _droppedLogged;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync flushes what is left.
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await log.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Kept in the log: the shutdown flush tries again; cancelled there too, they are lost with the process.
            logger.LogWarning("Spam count flush cancelled by shutdown; {Keys} pending key(s) not written yet", log.PendingKeys);
        }
        catch (Exception e)
        {
            // Storage down or contended: the counts stay in the log for the next tick.
            logger.LogWarning(StorageFailureLog.ExceptionOf(e), "Spam counts not written ({Failure}; {Keys} pending key(s) kept for the next flush)",
                StorageFailureLog.Summary(e), log.PendingKeys);
        }

        var dropped = log.Dropped;
        if (dropped > Interlocked.Exchange(ref _droppedLogged, dropped))
            logger.LogWarning("Spam counts over the key limit: {Dropped} spam submission(s) dropped uncounted since start", dropped);
    }
}
