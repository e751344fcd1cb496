namespace LeadIntake.LocalHost;

/// <summary>Starts the queue listeners and timers once the first worker is ready, and drains them at shutdown.</summary>
/// <remarks>
/// Listeners and timers survive worker restarts (they wait for the next ready worker). Stopping ends polling and
/// timers at once, then lets in-flight queue messages finish for at most <see cref="DrainTimeout"/>.
/// </remarks>
public sealed class Triggers(WorkerSupervisor supervisor, HostSettings settings, ILoggerFactory loggers) : IHostedService
{
    /// <summary>How long in-flight queue messages may run after shutdown began.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger("Host.Triggers");
    private readonly CancellationTokenSource _stopPolling = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly List<Task> _running = [];

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        supervisor.Ready += OnReady;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        supervisor.Ready -= OnReady;
        await _stopPolling.CancelAsync();
        _abandon.CancelAfter(DrainTimeout);
        Task[] running;
        lock (_running)
            running = [.. _running];
        await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    private void OnReady()
    {
        lock (_running)
        {
            if (_running.Count > 0 || _stopPolling.IsCancellationRequested)
                return;
            foreach (var function in supervisor.Functions)
            {
                var run = function.TriggerType.ToLowerInvariant() switch
                {
                    "queuetrigger" => (Func<Task>?)(() => new QueueListener(function, settings, supervisor, loggers).RunAsync(_stopPolling.Token, _abandon.Token)),
                    "timertrigger" => () => new TimerScheduler(function, settings, supervisor, loggers).RunAsync(_stopPolling.Token),
                    _ => null,
                };
                if (run is not null)
                    _running.Add(Guard(function.Name, run));
            }
        }
    }

    // A trigger that cannot start (bad schedule, missing connection) is logged; the others keep running.
    private async Task Guard(string name, Func<Task> run)
    {
        try
        {
            await Task.Run(run);
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
        catch (Exception exception)
        {
            _logger.LogError("The trigger of {Function} stopped: {Reason}", name, exception.Message);
        }
    }
}
