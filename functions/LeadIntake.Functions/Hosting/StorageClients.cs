using Azure.Core;
using Azure.Identity;
using LeadIntake.Storage.Blobs;
using LeadIntake.Storage.Queues;
using LeadIntake.Storage.Tables;

namespace LeadIntake.Functions.Hosting;

/// <summary>The app's three storage service clients, built from the <c>AzureWebJobsStorage</c> connection.</summary>
/// <remarks>
/// Either a connection string (<c>AzureWebJobsStorage</c>, e.g. <c>UseDevelopmentStorage=true</c>) or the identity-based
/// settings the Functions host uses: <c>AzureWebJobsStorage__queueServiceUri</c>, <c>__tableServiceUri</c>,
/// <c>__blobServiceUri</c>, optionally <c>__credential = managedidentity</c> and <c>__clientId</c>.
/// Clients are thread-safe and shared for the app's lifetime.
/// </remarks>
public sealed class StorageClients(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs)
{
    /// <summary>Name of the connection setting, as in every function.json <c>connection</c>.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>The Table service.</summary>
    public TableServiceClient Tables { get; } = tables;

    /// <summary>The Queue service (base64 messages, as the queue trigger expects).</summary>
    public QueueServiceClient Queues { get; } = queues;

    /// <summary>The Blob service.</summary>
    public BlobServiceClient Blobs { get; } = blobs;

    /// <summary>Builds the clients from configuration.</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor all three service URIs are configured.</exception>
    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName] ?? configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageClients(
                new TableServiceClient(connectionString, new TableClientOptions()),
                new QueueServiceClient(connectionString, new QueueClientOptions()),
                new BlobServiceClient(connectionString, new BlobClientOptions()));
        }

        var section = configuration.GetSection(ConnectionName);
        var queueUri = section["queueServiceUri"];
        var tableUri = section["tableServiceUri"];
        var blobUri = section["blobServiceUri"];
        if (string.IsNullOrWhiteSpace(queueUri) || string.IsNullOrWhiteSpace(tableUri) || string.IsNullOrWhiteSpace(blobUri))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{ConnectionName}' to a connection string, or set " +
                $"{ConnectionName}__queueServiceUri, __tableServiceUri and __blobServiceUri for identity-based access.");
        }

        var credential = CreateCredential(section["credential"], section["clientId"]);
        return new StorageClients(
            new TableServiceClient(new Uri(tableUri), credential, new TableClientOptions()),
            new QueueServiceClient(new Uri(queueUri), credential, new QueueClientOptions()),
            new BlobServiceClient(new Uri(blobUri), credential, new BlobClientOptions()));
    }

    private static TokenCredential CreateCredential(string? credential, string? clientId)
    {
        if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential();
    }
}
