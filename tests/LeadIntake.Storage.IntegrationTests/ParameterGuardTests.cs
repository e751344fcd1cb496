using Azure;
using Azure.Core;
using LeadIntake.Storage.Blobs;
using LeadIntake.Storage.Queues;
using LeadIntake.Storage.Tables;
using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>One test per argument check of our own; each is rejected before any request (the endpoints are unreachable).</summary>
public sealed class ParameterGuardTests
{
    private static readonly string Unreachable = AzuriteFixture.CreateUnreachableConnectionString();
    private readonly TableClient _table = new TableServiceClient(Unreachable).GetTableClient("Leads");
    private readonly QueueClient _queue = new QueueServiceClient(Unreachable).GetQueueClient("lead-captured");
    private readonly BlobContainerClient _container = new BlobServiceClient(Unreachable).GetBlobContainerClient("models");

    [Fact]
    public void GetTableClient_BlankName_Throws() =>
        Assert.Throws<ArgumentException>(() => new TableServiceClient(Unreachable).GetTableClient(" "));

    [Fact]
    public void TableServiceClient_NullCredential_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new TableServiceClient(new Uri("https://a.table.core.windows.net"), null!));

    [Fact]
    public void TableServiceClient_NullEndpoint_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new TableServiceClient(null!, new NoCredential()));

    [Fact]
    public Task AddEntityAsync_NullEntity_Throws() =>
        Assert.ThrowsAsync<ArgumentNullException>(() => _table.AddEntityAsync<TableEntity>(null!));

    [Fact]
    public Task AddEntityAsync_NullPartitionKey_Throws() =>
        Assert.ThrowsAsync<ArgumentException>(() => _table.AddEntityAsync(new TableEntity { PartitionKey = null!, RowKey = "r" }));

    [Fact]
    public Task AddEntityAsync_NullRowKey_Throws() =>
        Assert.ThrowsAsync<ArgumentException>(() => _table.AddEntityAsync(new TableEntity { PartitionKey = "p", RowKey = null! }));

    [Fact]
    public Task UpsertEntityAsync_NullEntity_Throws() =>
        Assert.ThrowsAsync<ArgumentNullException>(() => _table.UpsertEntityAsync<TableEntity>(null!));

    [Fact]
    public async Task UpdateEntityAsync_DefaultETag_ThrowsNamingIfMatch()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _table.UpdateEntityAsync(new TableEntity("p", "r"), default));

        Assert.Equal("ifMatch", error.ParamName);
    }

    [Fact]
    public async Task GetEntityAsync_NullPartitionKey_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => _table.GetEntityAsync<TableEntity>(null!, "r"));

        Assert.Equal("partitionKey", error.ParamName);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_NullRowKey_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => _table.GetEntityIfExistsAsync<TableEntity>("p", null!));

        Assert.Equal("rowKey", error.ParamName);
    }

    [Fact]
    public async Task DeleteEntityAsync_NullPartitionKey_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => _table.DeleteEntityAsync(null!, "r"));

        Assert.Equal("partitionKey", error.ParamName);
    }

    [Fact]
    public async Task DeleteEntityAsync_NullRowKey_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => _table.DeleteEntityAsync("p", null!));

        Assert.Equal("rowKey", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void QueryAsync_PageSizeOutOfRange_Throws(int maxPerPage) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _table.QueryAsync<TableEntity>(maxPerPage: maxPerPage));

    [Fact]
    public void CreateQueryFilter_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => TableClient.CreateQueryFilter(null!));

    [Fact]
    public Task SubmitTransactionAsync_Null_Throws() =>
        Assert.ThrowsAsync<ArgumentNullException>(() => _table.SubmitTransactionAsync(null!));

    [Fact]
    public Task SubmitTransactionAsync_Empty_Throws() =>
        Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitTransactionAsync([]));

    [Fact]
    public Task SubmitTransactionAsync_MoreThan100_Throws() =>
        Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}")))));

    [Fact]
    public async Task SubmitTransactionAsync_TwoPartitions_ThrowsNamingThem()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        ]));

        Assert.Contains("p2", error.Message);
    }

    [Fact]
    public Task SubmitTransactionAsync_SameRowTwice_Throws() =>
        Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "r")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "r")),
        ]));

    [Fact]
    public Task SubmitTransactionAsync_NullEntity_Throws() =>
        Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitTransactionAsync([new(TableTransactionActionType.Add, null!)]));

    [Fact]
    public void GetQueueClient_EmptyName_Throws() =>
        Assert.Throws<ArgumentException>(() => new QueueServiceClient(Unreachable).GetQueueClient(""));

    [Fact]
    public void QueueClient_NullCredential_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new QueueClient(new Uri("https://a.queue.core.windows.net/q"), null!));

    [Fact]
    public Task SendMessageAsync_NullText_Throws() =>
        Assert.ThrowsAsync<ArgumentNullException>(() => _queue.SendMessageAsync(null!));

    [Fact]
    public Task SendMessageAsync_NegativeVisibility_Throws() =>
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.SendMessageAsync("m", TimeSpan.FromSeconds(-1)));

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public Task ReceiveMessagesAsync_CountOutOfRange_Throws(int maxMessages) =>
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.ReceiveMessagesAsync(maxMessages));

    [Fact]
    public Task PeekMessagesAsync_CountOutOfRange_Throws() =>
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.PeekMessagesAsync(33));

    [Fact]
    public async Task DeleteMessageAsync_EmptyMessageId_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _queue.DeleteMessageAsync("", "receipt"));

        Assert.Equal("messageId", error.ParamName);
    }

    [Fact]
    public async Task DeleteMessageAsync_EmptyPopReceipt_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _queue.DeleteMessageAsync("id", ""));

        Assert.Equal("popReceipt", error.ParamName);
    }

    [Fact]
    public Task UpdateMessageAsync_NegativeVisibility_Throws() =>
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.UpdateMessageAsync("id", "receipt", null, TimeSpan.FromSeconds(-1)));

    [Fact]
    public void GetBlobContainerClient_EmptyName_Throws() =>
        Assert.Throws<ArgumentException>(() => new BlobServiceClient(Unreachable).GetBlobContainerClient(""));

    [Fact]
    public void GetBlobClient_EmptyName_Throws() =>
        Assert.Throws<ArgumentException>(() => _container.GetBlobClient(""));

    [Fact]
    public Task UploadAsync_NullContent_Throws() =>
        Assert.ThrowsAsync<ArgumentNullException>(() => _container.GetBlobClient("b").UploadAsync(null!));

    [Fact]
    public async Task UploadAsync_DefaultETag_ThrowsNamingIfMatch()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _container.GetBlobClient("b").UploadAsync(BinaryData.Empty, default(ETag)));

        Assert.Equal("ifMatch", error.ParamName);
    }

    [Fact]
    public void UniqueName_InvalidPrefix_Throws() =>
        Assert.Throws<ArgumentException>(() => UniqueStorageName.Create("Bad-Prefix"));

    [Fact]
    public void ManualTimeProvider_AdvanceNegative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManualTimeProvider().Advance(TimeSpan.FromTicks(-1)));

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Never called: construction does no I/O.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Never called: construction does no I/O.");
    }
}
