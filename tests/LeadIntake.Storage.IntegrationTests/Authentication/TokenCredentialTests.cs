using Azure;
using LeadIntake.Storage.Blobs;
using LeadIntake.Storage.Queues;
using LeadIntake.Storage.Tables;
using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Authentication;

/// <summary>The (Uri, TokenCredential) constructors against Azurite in OAuth mode over HTTPS.</summary>
public sealed class TokenCredentialTests(OAuthAzuriteFixture azurite) : IClassFixture<OAuthAzuriteFixture>
{
    private readonly FakeEntraCredential _credential = new(TimeProvider.System, TimeSpan.FromHours(1));

    [Fact]
    public async Task TableServiceClient_Token_CreatesWritesAndReadsWithStorageScope()
    {
        var service = new TableServiceClient(azurite.Endpoints.TableEndpoint, _credential, azurite.Options<TableClientOptions>());
        var table = service.GetTableClient(UniqueStorageName.Create("t"));

        await table.CreateIfNotExistsAsync();
        try
        {
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "Ada" });
            var stored = await table.GetEntityAsync<TableEntity>("p", "r");

            Assert.Equal("Ada", stored.Value.GetString("Name"));
            Assert.All(_credential.RequestedScopes, scope => Assert.Equal("https://storage.azure.com/.default", scope));
            Assert.NotEmpty(_credential.RequestedScopes);
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    [Fact]
    public async Task QueueClient_Token_SendsAndReceives()
    {
        var queue = new QueueServiceClient(azurite.Endpoints.QueueEndpoint, _credential, azurite.Options<QueueClientOptions>())
            .GetQueueClient(UniqueStorageName.Create("q"));

        await queue.CreateIfNotExistsAsync();
        try
        {
            await queue.SendMessageAsync("by token");
            var direct = new QueueClient(queue.Uri, _credential, azurite.Options<QueueClientOptions>());

            Assert.Equal("by token", Assert.Single((await direct.ReceiveMessagesAsync()).Value).MessageText);
        }
        finally
        {
            await queue.DeleteAsync();
        }
    }

    [Fact]
    public async Task BlobServiceClient_Token_UploadsAndDownloads()
    {
        var container = new BlobServiceClient(azurite.Endpoints.BlobEndpoint, _credential, azurite.Options<BlobClientOptions>())
            .GetBlobContainerClient(UniqueStorageName.Create("c"));

        await container.CreateIfNotExistsAsync();
        try
        {
            await container.GetBlobClient("b").UploadAsync(BinaryData.FromString("by token"));
            var direct = new BlobContainerClient(container.Uri, _credential, azurite.Options<BlobClientOptions>());

            Assert.Equal("by token", (await direct.GetBlobClient("b").DownloadContentAsync()).Value.Content.ToString());
        }
        finally
        {
            await container.DeleteAsync();
        }
    }

    [Fact]
    public async Task QueueClient_ExpiredToken_IsRejectedWith403()
    {
        var expired = new FakeEntraCredential(TimeProvider.System, TimeSpan.FromMinutes(-5));
        var queue = new QueueServiceClient(azurite.Endpoints.QueueEndpoint, expired, azurite.Options<QueueClientOptions>())
            .GetQueueClient(UniqueStorageName.Create("q"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
    }
}
