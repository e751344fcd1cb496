using Azure.Core;

namespace LeadIntake.Storage.Queues;

/// <summary>The Queue service of one storage account: hands out <see cref="QueueClient"/>s. Async only.</summary>
/// <remarks>
/// Requests are signed with Shared Key (connection string) or carry a bearer token for
/// <c>https://storage.azure.com/.default</c> (<see cref="TokenCredential"/>; the identity needs "Storage Queue Data Contributor").
/// Construction does no I/O. Thread-safe; share one instance.
/// </remarks>
public sealed class QueueServiceClient
{
    private readonly StoragePipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly QueueClientOptions? _options;

    /// <summary>A client for the account in <paramref name="connectionString"/> (<c>UseDevelopmentStorage=true</c> works).</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public QueueServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    /// <summary>A client for the account in <paramref name="connectionString"/>, with encoding, retry and transport options.</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public QueueServiceClient(string connectionString, QueueClientOptions? options)
    {
        _pipeline = SharedKeyPipeline(connectionString, options, out _endpoint);
        _options = options;
    }

    /// <summary>A client for the Queue service at <paramref name="endpoint"/>, authenticated with Entra ID.</summary>
    public QueueServiceClient(Uri endpoint, TokenCredential credential, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _pipeline = StoragePipeline.ForToken(options ?? new QueueClientOptions(), credential, QueueClientOptions.ServiceVersion);
        _endpoint = endpoint;
        _options = options;
    }

    /// <summary>The Queue service endpoint.</summary>
    public Uri Uri => _endpoint;

    /// <summary>A client for <paramref name="queueName"/>, sharing this client's pipeline and options. No I/O.</summary>
    public QueueClient GetQueueClient(string queueName) => new(_pipeline, _endpoint, queueName, _options);

    internal static StoragePipeline SharedKeyPipeline(string connectionString, QueueClientOptions? options, out Uri endpoint)
    {
        var account = StorageConnectionString.Parse(connectionString);
        endpoint = account.QueueEndpoint;
        return StoragePipeline.ForSharedKey(options ?? new QueueClientOptions(), account, tableService: false, QueueClientOptions.ServiceVersion);
    }
}
