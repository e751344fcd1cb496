using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LeadIntake.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Hosting;

/// <summary>Creates every queue, table and blob container of <see cref="StorageNames"/> at start-up.</summary>
/// <remarks>
/// Runs in the background so the worker starts at once even when storage is slow or down; retries with a capped
/// back-off until it succeeds. Nothing waits for it: capture creates a missing queue itself, and the queue trigger
/// treats a missing queue as empty.
/// </remarks>
public sealed class StorageInitializer(
    TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StorageProvisioning.CreateAllAsync(tables, queues, blobs, stoppingToken);
                logger.LogInformation("Storage ready: {Queues} queues, {Tables} tables, {Containers} containers",
                    StorageNames.Queues.Count, StorageNames.Tables.Count, StorageNames.Containers.Count);
                return;
            }
            catch (Exception e) when (StorageFailure.Of(e) is { } failure)
            {
                // A worker must survive storage that is down at start: capture answers 503 meanwhile, and this keeps trying.
                logger.LogWarning("Storage not reachable yet ({Status} {ErrorCode}); retrying in {Delay}", failure.Status, failure.ErrorCode, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxRetryDelay.Ticks));
            }
        }
    }
}
