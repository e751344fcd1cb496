using System.Diagnostics;
using Azure;
using Azure.Core;
using LeadIntake.Storage.Blobs;
using LeadIntake.Storage.Queues;
using LeadIntake.Storage.Tables;
using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>Clients pointed at closed loopback ports: every failure is one catchable RequestFailedException (status 0).</summary>
public sealed class StorageDownTests
{
    private static readonly string Unreachable = AzuriteFixture.CreateUnreachableConnectionString();

    [Fact]
    public async Task TableClient_StorageDown_ThrowsRequestFailedExceptionStatus0AfterRetries()
    {
        var options = new TableClientOptions();
        SmallRetries(options.Retry);
        var table = new TableServiceClient(Unreachable, options).GetTableClient("Leads");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(0, error.Status);
    }

    [Fact]
    public async Task QueueClient_StorageDown_ThrowsRequestFailedExceptionStatus0()
    {
        var options = new QueueClientOptions();
        SmallRetries(options.Retry);
        var queue = new QueueServiceClient(Unreachable, options).GetQueueClient("lead-captured");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("m"));

        Assert.Equal(0, error.Status);
    }

    [Fact]
    public async Task BlobClient_StorageDown_ThrowsRequestFailedExceptionStatus0()
    {
        var options = new BlobClientOptions();
        SmallRetries(options.Retry);
        var blob = new BlobServiceClient(Unreachable, options).GetBlobContainerClient("models").GetBlobClient("current");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadContentAsync());

        Assert.Equal(0, error.Status);
    }

    [Fact]
    public async Task QueueClient_StorageDownWithoutRetries_ThrowsRequestFailedException()
    {
        var options = new QueueClientOptions();
        options.Retry.MaxRetries = 0;
        var queue = new QueueClient(Unreachable, "lead-captured", options);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("m"));

        Assert.Equal(0, error.Status);
        // Not a timing assertion on speed: a refused connection must not wait for the 100 s network timeout.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    private static void SmallRetries(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(10);
        retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        retry.NetworkTimeout = TimeSpan.FromSeconds(5);
    }
}
