using LeadIntake.Storage.Tables;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Tables;

public sealed partial class TableClientTests
{
    [Fact]
    public async Task QueryAsync_FilterValueWithQuotes_MatchesExactlyThatValue()
    {
        const string tricky = "O'Brien' or PartitionKey ne '";
        await _table.AddEntityAsync(new ProfileEntity { PartitionKey = "p", RowKey = "1", Name = tricky });
        await _table.AddEntityAsync(new ProfileEntity { PartitionKey = "p", RowKey = "2", Name = "O" });

        var found = await ToListAsync(_table.QueryAsync<ProfileEntity>(TableClient.CreateQueryFilter($"Name eq {tricky}")));

        Assert.Equal("1", Assert.Single(found).RowKey);
    }

    [Fact]
    public async Task QueryAsync_SmallPages_FollowsContinuationAcrossPagesAndPartitions()
    {
        // 3 partitions x 5 rows = 15 entities; pages of 4 force several continuations, some at partition boundaries.
        foreach (var partition in new[] { "a", "b", "c" })
        {
            for (var row = 0; row < 5; row++)
                await _table.AddEntityAsync(new ProfileEntity { PartitionKey = partition, RowKey = $"r{row}", Score = row });
        }

        var pages = new List<int>();
        var keys = new List<string>();
        await foreach (var page in _table.QueryAsync<ProfileEntity>(maxPerPage: 4).AsPages())
        {
            pages.Add(page.Values.Count);
            keys.AddRange(page.Values.Select(e => e.PartitionKey + e.RowKey));
            Assert.True(page.Values.Count <= 4);
        }

        Assert.True(pages.Count >= 4, $"expected at least ceil(15/4) = 4 pages, got {pages.Count}");
        Assert.Equal(15, keys.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(15, keys.Distinct().Count());
    }

    [Fact]
    public async Task QueryAsync_FilterSelectAndPaging_AppliesAllOnEveryPage()
    {
        for (var row = 0; row < 7; row++)
            await _table.AddEntityAsync(new ProfileEntity { PartitionKey = "p", RowKey = $"r{row}", Name = $"n{row}", Company = "c", Score = row });

        var found = await ToListAsync(_table.QueryAsync<ProfileEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {"p"} and Score ge {2}"), maxPerPage: 2, select: ["Score"]));

        Assert.Equal([2, 3, 4, 5, 6], found.Select(e => e.Score));
        Assert.All(found, e => Assert.Null(e.Company));
    }

    [Fact]
    public async Task QueryAsync_NoMatch_YieldsNothing()
    {
        await _table.AddEntityAsync(new ProfileEntity { PartitionKey = "p", RowKey = "r" });

        var found = await ToListAsync(_table.QueryAsync<ProfileEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"other"}")));

        Assert.Empty(found);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
            list.Add(item);
        return list;
    }
}
