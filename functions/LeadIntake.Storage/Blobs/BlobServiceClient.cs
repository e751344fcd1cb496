using Azure.Core;

namespace LeadIntake.Storage.Blobs;

/// <summary>The Blob service of one storage account: hands out <see cref="BlobContainerClient"/>s. Async only.</summary>
/// <remarks>
/// Requests are signed with Shared Key (connection string) or carry a bearer token for
/// <c>https://storage.azure.com/.default</c> (<see cref="TokenCredential"/>; the identity needs "Storage Blob Data Contributor").
/// Construction does no I/O. Thread-safe; share one instance.
/// </remarks>
public sealed class BlobServiceClient
{
    private readonly StoragePipeline _pipeline;
    private readonly Uri _endpoint;

    /// <summary>A client for the account in <paramref name="connectionString"/> (<c>UseDevelopmentStorage=true</c> works).</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public BlobServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    /// <summary>A client for the account in <paramref name="connectionString"/>, with retry and transport options.</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public BlobServiceClient(string connectionString, BlobClientOptions? options)
    {
        _pipeline = SharedKeyPipeline(connectionString, options, out _endpoint);
    }

    /// <summary>A client for the Blob service at <paramref name="endpoint"/>, authenticated with Entra ID.</summary>
    public BlobServiceClient(Uri endpoint, TokenCredential credential, BlobClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _pipeline = StoragePipeline.ForToken(options ?? new BlobClientOptions(), credential, BlobClientOptions.ServiceVersion);
        _endpoint = endpoint;
    }

    /// <summary>The Blob service endpoint.</summary>
    public Uri Uri => _endpoint;

    /// <summary>A client for container <paramref name="containerName"/>, sharing this client's pipeline. No I/O.</summary>
    public BlobContainerClient GetBlobContainerClient(string containerName) => new(_pipeline, _endpoint, containerName);

    internal static StoragePipeline SharedKeyPipeline(string connectionString, BlobClientOptions? options, out Uri endpoint)
    {
        var account = StorageConnectionString.Parse(connectionString);
        endpoint = account.BlobEndpoint;
        return StoragePipeline.ForSharedKey(options ?? new BlobClientOptions(), account, tableService: false, BlobClientOptions.ServiceVersion);
    }
}
