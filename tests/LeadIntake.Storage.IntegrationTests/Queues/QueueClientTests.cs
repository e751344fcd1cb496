using System.Text;
using Azure;
using LeadIntake.Storage.Queues;
using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Queues;

/// <summary>QueueClient against Azurite: each test gets its own queue, created before and deleted after.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly QueueClient _queue = azurite.CreateQueueServiceClient().GetQueueClient(azurite.UniqueName("q"));

    public async Task InitializeAsync() => await _queue.CreateIfNotExistsAsync();

    public async Task DisposeAsync() => await _queue.DeleteIfExistsAsync();

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_SecondReturnsNullAndQueueWorks()
    {
        var queue = azurite.CreateQueueServiceClient().GetQueueClient(azurite.UniqueName("q"));
        try
        {
            var first = await queue.CreateIfNotExistsAsync();
            var second = await queue.CreateIfNotExistsAsync();

            Assert.Equal(201, first!.Status);
            Assert.Null(second);
            Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
        finally
        {
            await queue.DeleteAsync();
        }
    }

    [Fact]
    public async Task SendMessageAsync_DefaultEncoding_PutsUtf8Base64OnTheWire()
    {
        const string text = "{\"email\":\"ada@example.com\",\"note\":\"<b>&ü</b>\"}";

        await _queue.SendMessageAsync(text);
        var raw = azurite.CreateQueueServiceClient(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None })
            .GetQueueClient(_queue.Name);
        var onTheWire = Assert.Single((await raw.PeekMessagesAsync()).Value).MessageText;

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), onTheWire);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_AfterSend_DecodesTextAndBody()
    {
        const string text = "héllo <xml> & \"quotes\"";
        var sent = await _queue.SendMessageAsync(text);

        var received = Assert.Single((await _queue.ReceiveMessagesAsync()).Value);

        Assert.Equal(sent.Value.MessageId, received.MessageId);
        Assert.Equal(text, received.MessageText);
        Assert.Equal(text, received.Body.ToString());
        Assert.Equal(1, received.DequeueCount);
        Assert.NotEmpty(received.PopReceipt);
    }

    [Fact]
    public async Task SendMessageAsync_EncodingNone_StoresEscapedTextVerbatim()
    {
        var raw = azurite.CreateQueueServiceClient(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None })
            .GetQueueClient(_queue.Name);

        await raw.SendMessageAsync("a < b & c");

        Assert.Equal("a < b & c", Assert.Single((await raw.ReceiveMessagesAsync()).Value).MessageText);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_NotDeleted_ComesBackWithDequeueCountIncremented()
    {
        await _queue.SendMessageAsync("m");

        var first = Assert.Single((await _queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(1))).Value);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = Assert.Single((await _queue.ReceiveMessagesAsync()).Value);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_WhileLeased_ReturnsNothing()
    {
        await _queue.SendMessageAsync("m");
        var leased = Assert.Single((await _queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(1))).Value);

        var again = await _queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Empty(again.Value);
        Assert.True(leased.NextVisibleOn > leased.InsertedOn);
    }

    [Fact]
    public async Task SendMessageAsync_VisibilityTimeout_HidesUntilThen()
    {
        var sent = await _queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromMinutes(5));

        var now = await _queue.ReceiveMessagesAsync();

        Assert.Empty(now.Value);
        Assert.True(sent.Value.TimeNextVisible >= sent.Value.InsertionTime.AddMinutes(5).AddSeconds(-1));
        Assert.Equal(1, (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task SendMessageAsync_InfiniteTimeToLive_NeverExpires()
    {
        var sent = await _queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan);

        Assert.Equal(9999, sent.Value.ExpirationTime.Year);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MaxMessages_ReturnsUpToThatMany()
    {
        for (var i = 0; i < 5; i++)
            await _queue.SendMessageAsync($"m{i}");

        var three = await _queue.ReceiveMessagesAsync(maxMessages: 3);
        var rest = await _queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Equal(3, three.Value.Length);
        Assert.Equal(2, rest.Value.Length);
    }

    [Fact]
    public async Task UpdateMessageAsync_NewVisibility_ReturnsNewPopReceiptAndOldOneFails()
    {
        await _queue.SendMessageAsync("m");
        var received = Assert.Single((await _queue.ReceiveMessagesAsync()).Value);

        var updated = await _queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(1));
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => _queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));
        await _queue.DeleteMessageAsync(received.MessageId, updated.Value.PopReceipt);

        Assert.NotEqual(received.PopReceipt, updated.Value.PopReceipt);
        Assert.True(updated.Value.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        Assert.Equal(0, (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task UpdateMessageAsync_NewText_ReplacesTextAndVisibilityZeroMakesItVisible()
    {
        await _queue.SendMessageAsync("old");
        var received = Assert.Single((await _queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(1))).Value);

        await _queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "new", TimeSpan.Zero);
        var again = Assert.Single((await _queue.ReceiveMessagesAsync()).Value);

        Assert.Equal("new", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task DeleteMessageAsync_Received_RemovesIt()
    {
        await _queue.SendMessageAsync("m");
        var received = Assert.Single((await _queue.ReceiveMessagesAsync()).Value);

        await _queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(0, (await _queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await _queue.PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task PeekMessagesAsync_DoesNotLeaseOrCount()
    {
        await _queue.SendMessageAsync("m");

        var peeked = Assert.Single((await _queue.PeekMessagesAsync()).Value);
        var received = Assert.Single((await _queue.ReceiveMessagesAsync()).Value);

        Assert.Equal("m", peeked.MessageText);
        Assert.Equal(0, peeked.DequeueCount);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task GetPropertiesAsync_AfterSends_CountsMessages()
    {
        for (var i = 0; i < 3; i++)
            await _queue.SendMessageAsync($"m{i}");

        var properties = await _queue.GetPropertiesAsync();

        Assert.Equal(3, properties.Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task SendMessageAsync_QueueMissing_Throws404QueueNotFound()
    {
        var missing = azurite.CreateQueueServiceClient().GetQueueClient(azurite.UniqueName("q"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => missing.SendMessageAsync("m"));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task QueueClient_FromConnectionString_WorksLikeServiceClient()
    {
        var direct = new QueueClient(azurite.ConnectionString, _queue.Name);

        await direct.SendMessageAsync("direct");

        Assert.Equal("direct", Assert.Single((await _queue.ReceiveMessagesAsync()).Value).MessageText);
    }
}
