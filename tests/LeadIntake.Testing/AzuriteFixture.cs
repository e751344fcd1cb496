using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit;

namespace LeadIntake.Testing;

/// <summary>A private, in-memory Azurite for a test class or collection (xunit class/collection fixture).</summary>
/// <remarks>
/// Starts an <see cref="AzuriteProcess"/> on three free loopback ports (so it never collides with a running
/// <c>./run.sh</c>) and kills it on dispose. When the environment variable <c>LEADINTAKE_TEST_STORAGE</c> holds a
/// connection string, attaches to that storage instead and starts nothing. Tests share the instance, so each must use
/// its own <see cref="UniqueName"/> table, queue or container and delete it.
/// Collection use: in the test assembly, <c>[CollectionDefinition("Azurite")] class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</c>.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Environment variable naming external storage to attach to instead of starting Azurite.</summary>
    public const string AttachVariable = "LEADINTAKE_TEST_STORAGE";

    private AzuriteProcess? _azurite;
    private string? _connectionString;

    /// <summary>The connection string of the storage under test.</summary>
    /// <exception cref="InvalidOperationException">Read before <see cref="InitializeAsync"/>.</exception>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("AzuriteFixture is not initialised; xunit calls InitializeAsync.");

    /// <summary>True when this fixture started its own Azurite; false when attached through <see cref="AttachVariable"/>.</summary>
    public bool IsPrivate => _azurite is not null;

    /// <summary>A well-formed connection string whose endpoints are closed loopback ports (see <see cref="AzuriteProcess.UnreachableConnectionString"/>).</summary>
    public static string CreateUnreachableConnectionString() => AzuriteProcess.UnreachableConnectionString();

    /// <summary>A fresh table, queue or container name starting with <paramref name="prefix"/> (see <see cref="UniqueStorageName"/>).</summary>
    public string UniqueName(string prefix) => UniqueStorageName.Create(prefix);

    /// <summary>A Table service client for the storage under test.</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) => new(ConnectionString, options);

    /// <summary>A Queue service client for the storage under test (base64 messages, as the queue trigger expects, unless <paramref name="options"/> say otherwise).</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        new(ConnectionString, options ?? new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>A Blob service client for the storage under test.</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) => new(ConnectionString, options);

    /// <summary>All rows of <paramref name="table"/> in partition <paramref name="partitionKey"/>; none when the table does not exist yet.</summary>
    public async Task<List<T>> RowsAsync<T>(string table, string partitionKey) where T : class, ITableEntity, new()
    {
        var rows = new List<T>();
        try
        {
            await foreach (var row in CreateTableServiceClient().GetTableClient(table).QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
                rows.Add(row);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The app has not created the table yet: no rows.
        }

        return rows;
    }

    /// <summary>Receives and deletes every message of <paramref name="queueName"/> (creating the queue if needed); returns their texts.</summary>
    public async Task<List<string>> DrainAsync(string queueName)
    {
        var queue = CreateQueueServiceClient().GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        var texts = new List<string>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
            if (messages.Length == 0)
                return texts;
            foreach (var message in messages)
            {
                texts.Add(message.MessageText);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var attached = Environment.GetEnvironmentVariable(AttachVariable);
        if (!string.IsNullOrWhiteSpace(attached))
        {
            // Fail here, with the variable's name in the stack, rather than in the first test.
            _ = new TableServiceClient(attached);
            _connectionString = attached;
            return;
        }

        _azurite = await AzuriteProcess.StartAsync();
        _connectionString = _azurite.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_azurite is null)
            return;
        await _azurite.DisposeAsync();
        _azurite = null;
    }
}
