using Azure;
using LeadIntake.Storage.Tables;
using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Tables;

/// <summary>TableClient against Azurite: each test gets its own table, created before and deleted after.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class TableClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TableClient _table = azurite.CreateTableServiceClient().GetTableClient(azurite.UniqueName("t"));

    public async Task InitializeAsync() => await _table.CreateIfNotExistsAsync();

    public async Task DisposeAsync() => await _table.DeleteAsync();

    [Fact]
    public async Task CreateIfNotExistsAsync_TableExists_ReturnsNull()
    {
        var again = await _table.CreateIfNotExistsAsync();

        Assert.Null(again);
    }

    [Fact]
    public async Task CreateTableIfNotExistsAsync_NewTable_ReturnsItemAndDeleteTableRemovesIt()
    {
        var service = azurite.CreateTableServiceClient();
        var name = azurite.UniqueName("t");

        var created = await service.CreateTableIfNotExistsAsync(name);
        await service.DeleteTableAsync(name);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => service.DeleteTableAsync(name));

        Assert.Equal(name, created!.Value.Name);
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task AddEntityAsync_DuplicateKeys_Throws409EntityAlreadyExists()
    {
        await _table.AddEntityAsync(Profile("p", "r", "Ada"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.AddEntityAsync(Profile("p", "r", "Grace")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task AddEntityAsync_NewEntity_ResponseCarriesETagOfStoredVersion()
    {
        var added = await _table.AddEntityAsync(Profile("p", "r", "Ada"));

        var stored = await _table.GetEntityAsync<ProfileEntity>("p", "r");

        Assert.Equal(added.Headers.ETag, stored.Value.ETag);
        Assert.Equal("Ada", stored.Value.Name);
        Assert.NotNull(stored.Value.Timestamp);
    }

    [Fact]
    public async Task UpsertEntityAsync_Merge_KeepsColumnsNotSent()
    {
        await _table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "Ada", ["Company"] = "Analytical" });

        await _table.UpsertEntityAsync(new TableEntity("p", "r") { ["Score"] = 42 }, TableUpdateMode.Merge);
        var stored = (await _table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Equal("Ada", stored.GetString("Name"));
        Assert.Equal("Analytical", stored.GetString("Company"));
        Assert.Equal(42, stored.GetInt32("Score"));
    }

    [Fact]
    public async Task UpsertEntityAsync_Replace_DropsColumnsNotSent()
    {
        await _table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "Ada", ["Company"] = "Analytical" });

        await _table.UpsertEntityAsync(new TableEntity("p", "r") { ["Score"] = 42 }, TableUpdateMode.Replace);
        var stored = (await _table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.False(stored.ContainsKey("Name"));
        Assert.False(stored.ContainsKey("Company"));
        Assert.Equal(42, stored.GetInt32("Score"));
    }

    [Fact]
    public async Task UpsertEntityAsync_Absent_Inserts()
    {
        await _table.UpsertEntityAsync(Profile("p", "new", "Ada"));

        var stored = await _table.GetEntityAsync<ProfileEntity>("p", "new");

        Assert.Equal("Ada", stored.Value.Name);
    }

    [Fact]
    public async Task UpdateEntityAsync_CurrentETag_UpdatesAndChangesETag()
    {
        await _table.AddEntityAsync(Profile("p", "r", "Ada"));
        var read = (await _table.GetEntityAsync<ProfileEntity>("p", "r")).Value;
        read.Score = 7;

        var updated = await _table.UpdateEntityAsync(read, read.ETag, TableUpdateMode.Merge);
        var stored = (await _table.GetEntityAsync<ProfileEntity>("p", "r")).Value;

        Assert.Equal(7, stored.Score);
        Assert.Equal(updated.Headers.ETag, stored.ETag);
        Assert.NotEqual(read.ETag, stored.ETag);
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_Throws412AndKeepsOtherWrite()
    {
        await _table.AddEntityAsync(Profile("p", "r", "Ada"));
        var first = (await _table.GetEntityAsync<ProfileEntity>("p", "r")).Value;
        var second = (await _table.GetEntityAsync<ProfileEntity>("p", "r")).Value;
        second.Score = 2;
        await _table.UpdateEntityAsync(second, second.ETag);
        first.Score = 1;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.UpdateEntityAsync(first, first.ETag));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(2, (await _table.GetEntityAsync<ProfileEntity>("p", "r")).Value.Score);
    }

    [Fact]
    public async Task UpdateEntityAsync_Replace_DropsColumnsNotSent()
    {
        await _table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "Ada", ["Company"] = "Analytical" });

        await _table.UpdateEntityAsync(new TableEntity("p", "r") { ["Name"] = "Ada L." }, ETag.All, TableUpdateMode.Replace);
        var stored = (await _table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Equal("Ada L.", stored.GetString("Name"));
        Assert.False(stored.ContainsKey("Company"));
    }

    [Fact]
    public async Task UpdateEntityAsync_Absent_Throws404()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => _table.UpdateEntityAsync(Profile("p", "missing", "Ada"), ETag.All));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task GetEntityAsync_Absent_Throws404ResourceNotFound()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.GetEntityAsync<ProfileEntity>("p", "missing"));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_Absent_HasNoValue()
    {
        var found = await _table.GetEntityIfExistsAsync<ProfileEntity>("p", "missing");

        Assert.False(found.HasValue);
        Assert.Equal(404, found.GetRawResponse().Status);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_Present_ReturnsEntity()
    {
        await _table.AddEntityAsync(Profile("p", "r", "Ada"));

        var found = await _table.GetEntityIfExistsAsync<ProfileEntity>("p", "r");

        Assert.True(found.HasValue);
        Assert.Equal("Ada", found.Value!.Name);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_TableMissing_ThrowsTableNotFound()
    {
        var missing = azurite.CreateTableServiceClient().GetTableClient(azurite.UniqueName("t"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => missing.GetEntityIfExistsAsync<ProfileEntity>("p", "r"));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetEntityAsync_KeysWithQuotesSpacesAndUnicode_RoundTrip()
    {
        const string partitionKey = "o'brien & co";
        const string rowKey = "a b'c%20ü+=;,";
        await _table.AddEntityAsync(Profile(partitionKey, rowKey, "Ada"));

        var stored = await _table.GetEntityAsync<ProfileEntity>(partitionKey, rowKey);

        Assert.Equal(partitionKey, stored.Value.PartitionKey);
        Assert.Equal(rowKey, stored.Value.RowKey);
    }

    [Fact]
    public async Task GetEntityAsync_Select_ReturnsOnlyThoseColumns()
    {
        await _table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "Ada", ["Company"] = "Analytical" });

        var stored = (await _table.GetEntityAsync<TableEntity>("p", "r", ["Name"])).Value;

        Assert.Equal("Ada", stored.GetString("Name"));
        Assert.False(stored.ContainsKey("Company"));
    }

    [Fact]
    public async Task DeleteEntityAsync_AnyVersion_Removes()
    {
        await _table.AddEntityAsync(Profile("p", "r", "Ada"));

        await _table.DeleteEntityAsync("p", "r");

        Assert.False((await _table.GetEntityIfExistsAsync<ProfileEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_Throws412()
    {
        await _table.AddEntityAsync(Profile("p", "r", "Ada"));
        var read = (await _table.GetEntityAsync<ProfileEntity>("p", "r")).Value;
        await _table.UpsertEntityAsync(Profile("p", "r", "Grace"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.DeleteEntityAsync("p", "r", read.ETag));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task DeleteEntityAsync_Absent_Succeeds()
    {
        var response = await _table.DeleteEntityAsync("p", "missing");

        Assert.Equal(404, response.Status);
    }

    private static ProfileEntity Profile(string partitionKey, string rowKey, string name) =>
        new() { PartitionKey = partitionKey, RowKey = rowKey, Name = name };
}
