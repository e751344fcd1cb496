using Azure;
using LeadIntake.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>Creates every queue, table and blob container of <see cref="StorageNames"/> at start-up.</summary>
/// <remarks>
/// Runs in the background so the host's readiness ping (<c>GET /</c>) is answered at once even when storage is slow or
/// down; retries with a capped back-off until it succeeds. Listeners await <see cref="WaitUntilReadyAsync"/>.
/// </remarks>
public sealed class StorageInitializer(StorageClients storage, ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every queue, table and container exists.</summary>
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken = default) => _ready.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CreateAllAsync(stoppingToken);
                _ready.TrySetResult();
                logger.LogInformation("Storage ready: {Queues} queues, {Tables} tables, {Containers} containers",
                    StorageNames.Queues.Count, StorageNames.Tables.Count, StorageNames.Containers.Count);
                return;
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning("Storage not reachable yet ({Status} {ErrorCode}); retrying in {Delay}", e.Status, e.ErrorCode, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxRetryDelay.Ticks));
            }
        }
    }

    private async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in StorageNames.Queues)
            await storage.Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var table in StorageNames.Tables)
            await storage.Tables.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken);
        foreach (var container in StorageNames.Containers)
            await storage.Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
