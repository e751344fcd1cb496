using Azure;
using LeadIntake.Storage.Tables;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Tables;

public sealed partial class TableClientTests
{
    [Fact]
    public async Task SubmitTransactionAsync_MixedActions_AppliesAllAndReturnsOneResponseEach()
    {
        await _table.AddEntityAsync(new TableEntity("p", "merge") { ["Keep"] = "yes", ["N"] = 1 });
        await _table.AddEntityAsync(new TableEntity("p", "replace") { ["Drop"] = "yes" });
        await _table.AddEntityAsync(new TableEntity("p", "delete"));
        var mergeETag = (await _table.GetEntityAsync<TableEntity>("p", "merge")).Value.ETag;

        var result = await _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["Big"] = 5_000_000_000L }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["N"] = 2 }, mergeETag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["New"] = "yes" }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert-merge") { ["X"] = 1.5 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert-replace") { ["Y"] = true }),
        ]);

        Assert.Equal(6, result.Value.Count);
        Assert.All(result.Value, part => Assert.InRange(part.Status, 200, 299));
        Assert.Equal(5_000_000_000L, (await _table.GetEntityAsync<TableEntity>("p", "add")).Value.GetInt64("Big"));
        var merged = (await _table.GetEntityAsync<TableEntity>("p", "merge")).Value;
        Assert.Equal(("yes", 2), (merged.GetString("Keep"), merged.GetInt32("N")));
        Assert.Equal(result.Value[1].Headers.ETag, merged.ETag);
        Assert.False((await _table.GetEntityAsync<TableEntity>("p", "replace")).Value.ContainsKey("Drop"));
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("p", "delete")).HasValue);
        Assert.Equal(1.5, (await _table.GetEntityAsync<TableEntity>("p", "upsert-merge")).Value.GetDouble("X"));
        Assert.True((await _table.GetEntityAsync<TableEntity>("p", "upsert-replace")).Value.GetBoolean("Y"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_SecondActionConflicts_AppliesNothingAndReportsIndex()
    {
        await _table.AddEntityAsync(new TableEntity("p", "taken"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "fresh")),
            new(TableTransactionActionType.Add, new TableEntity("p", "taken")),
            new(TableTransactionActionType.Add, new TableEntity("p", "fresh2")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, error.Data[TableClient.FailedTransactionActionIndexKey]);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("p", "fresh")).HasValue);
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("p", "fresh2")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_Throws412WithIndexAndAppliesNothing()
    {
        await _table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        var stale = (await _table.GetEntityAsync<TableEntity>("p", "r")).Value.ETag;
        await _table.UpsertEntityAsync(new TableEntity("p", "r") { ["N"] = 2 });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "other")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "r") { ["N"] = 3 }, stale),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.Data[TableClient.FailedTransactionActionIndexKey]);
        Assert.Equal(2, (await _table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("N"));
        Assert.False((await _table.GetEntityIfExistsAsync<TableEntity>("p", "other")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredActions_Succeeds()
    {
        var actions = Enumerable.Range(0, TableClient.MaxTransactionActions)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}") { ["I"] = i }))
            .ToList();

        var result = await _table.SubmitTransactionAsync(actions);

        Assert.Equal(100, result.Value.Count);
        Assert.Equal(100, (await ToListAsync(_table.QueryAsync<TableEntity>())).Count);
    }
}
