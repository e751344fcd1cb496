using Azure;
using Azure.Core;

namespace LeadIntake.Storage.Tables;

/// <summary>The Table service of one storage account: hands out <see cref="TableClient"/>s and creates/deletes tables. Async only.</summary>
/// <remarks>
/// Requests are signed with SharedKeyLite (connection string) or carry a bearer token for
/// <c>https://storage.azure.com/.default</c> (<see cref="TokenCredential"/>, e.g. a managed identity, which needs the
/// "Storage Table Data Contributor" role). Construction does no I/O. Thread-safe; share one instance.
/// </remarks>
public sealed class TableServiceClient
{
    private readonly StoragePipeline _pipeline;
    private readonly Uri _endpoint;

    /// <summary>A client for the account in <paramref name="connectionString"/> (<c>UseDevelopmentStorage=true</c> works).</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public TableServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    /// <summary>A client for the account in <paramref name="connectionString"/>, with retry and transport options.</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public TableServiceClient(string connectionString, TableClientOptions? options)
    {
        _pipeline = SharedKeyPipeline(connectionString, options, out _endpoint);
    }

    /// <summary>A client for the Table service at <paramref name="endpoint"/>, authenticated with Entra ID.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _pipeline = StoragePipeline.ForToken(options ?? new TableClientOptions(), credential, TableClientOptions.ServiceVersion);
        _endpoint = endpoint;
    }

    /// <summary>The Table service endpoint.</summary>
    public Uri Uri => _endpoint;

    /// <summary>A client for <paramref name="tableName"/>, sharing this client's pipeline. No I/O.</summary>
    public TableClient GetTableClient(string tableName) => new(_pipeline, _endpoint, tableName);

    /// <summary>Creates <paramref name="tableName"/>; returns null if it already exists.</summary>
    public Task<Response<TableItem>?> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Deletes <paramref name="tableName"/> and all its entities.</summary>
    /// <exception cref="RequestFailedException">404 <c>TableNotFound</c> when there is no such table.</exception>
    public Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    internal static StoragePipeline SharedKeyPipeline(string connectionString, TableClientOptions? options, out Uri endpoint)
    {
        var account = StorageConnectionString.Parse(connectionString);
        endpoint = account.TableEndpoint;
        return StoragePipeline.ForSharedKey(options ?? new TableClientOptions(), account, tableService: true, TableClientOptions.ServiceVersion);
    }
}
