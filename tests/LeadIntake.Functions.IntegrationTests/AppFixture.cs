using LeadIntake.Storage.Queues;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using LeadIntake.Storage.Tables;
using LeadIntake.Testing;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>A private Azurite plus the function app pointed at it, shared by the tests of one class.</summary>
/// <remarks>Queue and table names are the app's fixed names, so each class gets its own Azurite instead of unique names.</remarks>
public abstract class AppFixture(bool localQueueListener, bool kestrel = false) : IAsyncLifetime
{
    /// <summary>The private Azurite.</summary>
    public AzuriteFixture Azurite { get; } = new();

    /// <summary>The app under test.</summary>
    public LeadIntakeAppFactory Factory { get; private set; } = null!;

    /// <summary>The real address the app listens on, when started with Kestrel.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Factory = new LeadIntakeAppFactory(Azurite.ConnectionString, localQueueListener);
        if (kestrel)
        {
            Factory.UseKestrel(0);
            Factory.StartServer();
            BaseAddress = new Uri(Factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        }
        else
        {
            _ = Factory.Server;
        }

        await Factory.WaitForStorageAsync();
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (Factory is not null)
            await Factory.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>A client for one of the app's queues.</summary>
    public QueueClient Queue(string name) => new QueueServiceClient(Azurite.ConnectionString).GetQueueClient(name);

    /// <summary>A client for one of the app's tables.</summary>
    public TableClient Table(string name) => new TableServiceClient(Azurite.ConnectionString).GetTableClient(name);

    /// <summary>All rows of <paramref name="table"/> in partition <paramref name="partitionKey"/>.</summary>
    public async Task<List<T>> RowsAsync<T>(string table, string partitionKey) where T : class, ITableEntity, new()
    {
        var rows = new List<T>();
        await foreach (var row in Table(table).QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
            rows.Add(row);
        return rows;
    }

    /// <summary>Receives and deletes every message of <paramref name="queueName"/>; returns their texts.</summary>
    public async Task<List<string>> DrainAsync(string queueName)
    {
        var queue = Queue(queueName);
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
}
