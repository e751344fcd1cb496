using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace LeadIntake.Storage;

/// <summary>The storage account of the <see cref="StorageNames.Connection"/> setting, read the way the Functions host reads it.</summary>
/// <remarks>
/// Either a connection string (<c>AzureWebJobsStorage=UseDevelopmentStorage=true</c>), or identity-based access:
/// <c>AzureWebJobsStorage__tableServiceUri</c>, <c>__queueServiceUri</c> and <c>__blobServiceUri</c>, with
/// <c>__credential=managedidentity</c> and <c>__clientId</c> for a user-assigned identity, else
/// <see cref="DefaultAzureCredential"/>. The function app and the training CLI both build their clients here.
/// Queue clients always use Base64 messages, because the queue trigger decodes Base64 (the SDK's default of none is a trap).
/// </remarks>
public sealed class StorageAccount
{
    private readonly string? _connectionString;
    private readonly IConfigurationSection _section;
    private readonly Lazy<TokenCredential> _credential;

    private StorageAccount(string? connectionString, IConfigurationSection section)
    {
        _connectionString = connectionString;
        _section = section;
        _credential = new Lazy<TokenCredential>(() => CreateCredential(section["credential"], section["clientId"]));
    }

    /// <summary>True when access is identity-based (service URIs and a token credential) rather than a connection string.</summary>
    public bool IsIdentityBased => _connectionString is null;

    /// <summary>Reads the account from <paramref name="configuration"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither a connection string nor all three service URIs are configured.</exception>
    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StorageNames.Connection);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return new StorageAccount(section.Value, section);

        if (string.IsNullOrWhiteSpace(section["tableServiceUri"]) || string.IsNullOrWhiteSpace(section["queueServiceUri"])
            || string.IsNullOrWhiteSpace(section["blobServiceUri"]))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{StorageNames.Connection}' to a connection string, or set " +
                $"{StorageNames.Connection}__tableServiceUri, __queueServiceUri and __blobServiceUri for identity-based access.");
        }

        return new StorageAccount(null, section);
    }

    /// <summary>A Table service client.</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) => _connectionString is { } connectionString
        ? new TableServiceClient(connectionString, options)
        : new TableServiceClient(ServiceUri("tableServiceUri"), _credential.Value, options);

    /// <summary>A Queue service client sending and reading Base64 messages.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        options.MessageEncoding = QueueMessageEncoding.Base64;
        return _connectionString is { } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(ServiceUri("queueServiceUri"), _credential.Value, options);
    }

    /// <summary>A Blob service client.</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) => _connectionString is { } connectionString
        ? new BlobServiceClient(connectionString, options)
        : new BlobServiceClient(ServiceUri("blobServiceUri"), _credential.Value, options);

    private Uri ServiceUri(string key) => new(_section[key]!, UriKind.Absolute);

    private static TokenCredential CreateCredential(string? credential, string? clientId)
    {
        if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
