using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace LeadIntake.Storage;

/// <summary>Creates every queue, table and blob container of <see cref="StorageNames"/> that does not exist yet.</summary>
public static class StorageProvisioning
{
    /// <summary>Creates what is missing; safe to run any number of times.</summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    public static async Task CreateAllAsync(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(blobs);
        foreach (var queue in StorageNames.Queues)
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var table in StorageNames.Tables)
            await tables.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken);
        foreach (var container in StorageNames.Containers)
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
