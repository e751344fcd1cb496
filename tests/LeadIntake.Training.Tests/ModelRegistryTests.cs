using Azure;
using LeadIntake.Storage;
using Azure.Storage.Blobs;
using LeadIntake.Storage.Models;
using LeadIntake.Testing;

namespace LeadIntake.Training.Tests;

/// <remarks>Each test works in its own container, deleted afterwards.</remarks>
public sealed class ModelRegistryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset PublishedAt = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(PublishedAt);
    private const string FileName = "model.zip";
    private BlobContainerClient _container = null!;

    private ModelRegistry Registry => new(_container, _clock);

    public Task InitializeAsync()
    {
        _container = azurite.CreateBlobServiceClient().GetBlobContainerClient(azurite.UniqueName("models"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _container.DeleteAsync();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The test never created it.
        }
    }

    [Fact]
    public async Task GetCurrentPointerAsync_NothingPublished_ReturnsNull()
    {
        Assert.Null(await Registry.GetCurrentPointerAsync());
        Assert.Null(await Registry.DownloadCurrentAsync([FileName]));
    }

    [Fact]
    public async Task PublishAsync_FirstModel_WritesModelBlobAndPointer()
    {
        var published = await Registry.PublishAsync("v1", File("""{"model":1}"""), 0.81, expectedPointerETag: null);

        var current = await Registry.DownloadCurrentAsync([FileName]);
        Assert.NotNull(current);
        Assert.Equal(new ModelPointer(2, "v1", "v1/", 0.81, PublishedAt), current.Pointer);
        Assert.Equal(published.Pointer, current.Pointer);
        Assert.Equal(published.ETag, current.PointerETag);
        Assert.Equal("""{"model":1}""", current.Files[FileName].ToString());
        var pointerJson = (await _container.GetBlobClient(StorageNames.CurrentModelPointerBlob).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("\"version\": \"v1\"", pointerJson);
        Assert.Contains("\"holdoutAuc\": 0.81", pointerJson);
    }

    [Fact]
    public async Task PublishAsync_WithCurrentETag_MovesPointer()
    {
        var first = await Registry.PublishAsync("v1", File("one"), 0.81, null);
        _clock.Advance(TimeSpan.FromHours(1));

        var second = await Registry.PublishAsync("v2", File("two"), 0.83, first.ETag);

        var current = await Registry.DownloadCurrentAsync([FileName]);
        Assert.Equal("v2", current?.Pointer.Version);
        Assert.Equal("two", current?.Files[FileName].ToString());
        Assert.Equal(PublishedAt.AddHours(1), current?.Pointer.PublishedAt);
        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Fact]
    public async Task PublishAsync_StalePointerETag_Fails412AndKeepsPointer()
    {
        var first = await Registry.PublishAsync("v1", File("one"), 0.81, null);
        await Registry.PublishAsync("v2", File("two"), 0.82, first.ETag);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(
            () => Registry.PublishAsync("v3", File("three"), 0.83, first.ETag));

        Assert.Equal(412, stale.Status);
        Assert.Equal("v2", (await Registry.GetCurrentPointerAsync())?.Pointer.Version);
    }

    [Fact]
    public async Task PublishAsync_NoETagButPointerExists_Fails409()
    {
        await Registry.PublishAsync("v1", File("one"), 0.81, null);

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(
            () => Registry.PublishAsync("v2", File("two"), 0.82, null));

        Assert.Equal(409, conflict.Status);
        Assert.Equal("v1", (await Registry.GetCurrentPointerAsync())?.Pointer.Version);
    }

    [Fact]
    public async Task PublishAsync_SameVersionSameBytes_IsIdempotent()
    {
        var first = await Registry.PublishAsync("v1", File("one"), 0.81, null);

        var again = await Registry.PublishAsync("v1", File("one"), 0.81, first.ETag);

        Assert.Equal("v1", again.Pointer.Version);
    }

    [Fact]
    public async Task PublishAsync_SameVersionDifferentBytes_Throws()
    {
        var first = await Registry.PublishAsync("v1", File("one"), 0.81, null);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Registry.PublishAsync("v1", File("other"), 0.81, first.ETag));
        Assert.Equal("one", (await Registry.DownloadCurrentAsync([FileName]))?.Files[FileName].ToString());
    }

    [Theory]
    [InlineData("""{"formatVersion":3,"version":"v1","blob":"v1/","holdoutAuc":0.8,"publishedAt":"2026-11-22T08:00:00+00:00"}""", "format version 3")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"formatVersion":2,"version":"v9","blob":"v9/","holdoutAuc":0.8,"publishedAt":"2026-11-22T08:00:00+00:00"}""", "has no")]
    public async Task DownloadCurrentAsync_BadPointer_ThrowsInvalidDataNamingTheProblem(string pointerJson, string expected)
    {
        await _container.CreateIfNotExistsAsync();
        await _container.GetBlobClient(StorageNames.CurrentModelPointerBlob).UploadAsync(BinaryData.FromString(pointerJson));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Registry.DownloadCurrentAsync([FileName]));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData(" v1")]
    [InlineData("")]
    public void BlobNameFor_UnsafeVersion_Throws(string version)
    {
        Assert.ThrowsAny<ArgumentException>(() => ModelRegistry.FolderFor(version));
    }

    private static Dictionary<string, BinaryData> File(string content) => new() { [FileName] = BinaryData.FromString(content) };
}
