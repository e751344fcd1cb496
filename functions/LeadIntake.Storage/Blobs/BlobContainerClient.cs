using Azure;
using Azure.Core;

namespace LeadIntake.Storage.Blobs;

/// <summary>One blob container: create, delete, hand out <see cref="BlobClient"/>s. Async only.</summary>
/// <remarks>Every non-2xx answer throws <see cref="RequestFailedException"/> with <c>ErrorCode</c> set. No I/O on construction. Thread-safe.</remarks>
public sealed class BlobContainerClient
{
    private readonly StoragePipeline _pipeline;

    /// <summary>A client for <paramref name="containerName"/> authenticated by the connection string's account key.</summary>
    public BlobContainerClient(string connectionString, string containerName)
        : this(connectionString, containerName, null)
    {
    }

    /// <summary>A client for <paramref name="containerName"/> authenticated by the connection string's account key.</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public BlobContainerClient(string connectionString, string containerName, BlobClientOptions? options)
        : this(BlobServiceClient.SharedKeyPipeline(connectionString, options, out var endpoint), endpoint, containerName)
    {
    }

    /// <summary>A client for the container at <paramref name="containerUri"/> (endpoint + name), authenticated with Entra ID.</summary>
    public BlobContainerClient(Uri containerUri, TokenCredential credential, BlobClientOptions? options = null)
        : this(
            StoragePipeline.ForToken(options ?? new BlobClientOptions(), credential, BlobClientOptions.ServiceVersion),
            new Uri(containerUri ?? throw new ArgumentNullException(nameof(containerUri)), "."),
            containerUri.Segments[^1].TrimEnd('/'))
    {
    }

    internal BlobContainerClient(StoragePipeline pipeline, Uri endpoint, string containerName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        _pipeline = pipeline;
        Name = containerName;
        Uri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(containerName));
    }

    /// <summary>The container name.</summary>
    public string Name { get; }

    /// <summary>The container URI.</summary>
    public Uri Uri { get; }

    /// <summary>A client for blob <paramref name="blobName"/> in this container. No I/O.</summary>
    public BlobClient GetBlobClient(string blobName) => new(_pipeline, Uri, blobName);

    /// <summary>Creates the container (private access); returns null if it already exists.</summary>
    public async Task<Response?> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, ContainerUri());
        var response = await _pipeline.SendAsync(message, cancellationToken, 409).ConfigureAwait(false);
        if (response.Status != 409)
            return response;
        return StorageErrorParser.Instance.TryParse(response, out var error, out _) && error?.Code == "ContainerAlreadyExists"
            ? null
            : throw new RequestFailedException(response, null, StorageErrorParser.Instance);
    }

    /// <summary>Deletes the container and its blobs.</summary>
    /// <exception cref="RequestFailedException">404 <c>ContainerNotFound</c> when there is no such container.</exception>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, ContainerUri());
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private RequestUriBuilder ContainerUri()
    {
        var uri = new RequestUriBuilder();
        uri.Reset(Uri);
        uri.AppendQuery("restype", "container");
        return uri;
    }
}
