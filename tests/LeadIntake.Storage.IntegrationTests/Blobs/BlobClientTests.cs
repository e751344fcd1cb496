using Azure;
using LeadIntake.Storage.Blobs;
using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Blobs;

/// <summary>Blob clients against Azurite: each test gets its own container, created before and deleted after.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BlobContainerClient _container = azurite.CreateBlobServiceClient().GetBlobContainerClient(azurite.UniqueName("c"));

    public async Task InitializeAsync() => await _container.CreateIfNotExistsAsync();

    public async Task DisposeAsync() => await _container.DeleteAsync();

    [Fact]
    public async Task CreateIfNotExistsAsync_Exists_ReturnsNull()
    {
        Assert.Null(await _container.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task UploadAsync_ThenDownload_ReturnsSameBytesAndETag()
    {
        var blob = _container.GetBlobClient("models/v1.json");
        var bytes = BinaryData.FromBytes([0, 1, 2, 255, 128]);

        var uploaded = await blob.UploadAsync(bytes);
        var downloaded = await blob.DownloadContentAsync();

        Assert.Equal(bytes.ToArray(), downloaded.Value.Content.ToArray());
        Assert.Equal(uploaded.Value.ETag, downloaded.Value.Details.ETag);
        Assert.NotEqual(default, uploaded.Value.LastModified);
    }

    [Fact]
    public async Task UploadAsync_ExistsWithoutOverwrite_Throws409AndKeepsContent()
    {
        var blob = _container.GetBlobClient("b");
        await blob.UploadAsync(BinaryData.FromString("first"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second")));

        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        Assert.Equal("first", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task UploadAsync_Overwrite_Replaces()
    {
        var blob = _container.GetBlobClient("b");
        await blob.UploadAsync(BinaryData.FromString("first"));

        await blob.UploadAsync(BinaryData.FromString("second"), overwrite: true);

        Assert.Equal("second", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task UploadAsync_CurrentETag_ReplacesAndStaleETagThrows412()
    {
        var blob = _container.GetBlobClient("pointer");
        var first = await blob.UploadAsync(BinaryData.FromString("v1"));

        var second = await blob.UploadAsync(BinaryData.FromString("v2"), first.Value.ETag);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("v3"), first.Value.ETag));

        Assert.NotEqual(first.Value.ETag, second.Value.ETag);
        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task ExistsAsync_BeforeAndAfterUpload_ReportsFalseThenTrue()
    {
        var blob = _container.GetBlobClient("b");

        var before = await blob.ExistsAsync();
        await blob.UploadAsync(BinaryData.FromString("x"));
        var after = await blob.ExistsAsync();

        Assert.False(before.Value);
        Assert.True(after.Value);
    }

    [Fact]
    public async Task GetPropertiesAsync_Uploaded_ReportsLengthAndETag()
    {
        var blob = _container.GetBlobClient("b");
        var uploaded = await blob.UploadAsync(BinaryData.FromString("12345"));

        var properties = await blob.GetPropertiesAsync();

        Assert.Equal(5, properties.Value.ContentLength);
        Assert.Equal(uploaded.Value.ETag, properties.Value.ETag);
        Assert.Equal("application/octet-stream", properties.Value.ContentType);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_Present_DeletesThenReportsFalse()
    {
        var blob = _container.GetBlobClient("b");
        await blob.UploadAsync(BinaryData.FromString("x"));

        var first = await blob.DeleteIfExistsAsync();
        var second = await blob.DeleteIfExistsAsync();

        Assert.True(first.Value);
        Assert.False(second.Value);
        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task BlobContainerClient_FromConnectionString_SeesSameContainer()
    {
        await _container.GetBlobClient("b").UploadAsync(BinaryData.FromString("x"));

        var direct = new BlobContainerClient(azurite.ConnectionString, _container.Name);

        Assert.True((await direct.GetBlobClient("b").ExistsAsync()).Value);
        Assert.Equal(_container.Uri, direct.Uri);
    }

    [Fact]
    public async Task DownloadContentAsync_Missing_Throws404BlobNotFound()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _container.GetBlobClient("missing").DownloadContentAsync());

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }
}
