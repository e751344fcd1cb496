using LeadIntake.Storage.Tables;
using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Tables;

/// <summary>Entity mapping rules enforced before any request (the endpoint is unreachable, so nothing is sent).</summary>
public sealed class TableEntityMappingTests
{
    private readonly TableClient _table = new TableServiceClient(AzuriteFixture.CreateUnreachableConnectionString()).GetTableClient("Leads");

    [Fact]
    public async Task AddEntityAsync_TableEntityWithPartitionKeyColumn_ThrowsNamingTheProperty()
    {
        var entity = new TableEntity("p", "r") { ["PartitionKey"] = "other" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _table.AddEntityAsync(entity));

        Assert.Contains("TableEntity.PartitionKey", error.Message);
    }

    [Fact]
    public async Task AddEntityAsync_TypedEntityWithUnsupportedProperty_ThrowsNamingIt()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => _table.AddEntityAsync(new UnsupportedEntity()));

        Assert.Contains("UnsupportedEntity.Amount", error.Message);
    }

    [Fact]
    public async Task AddEntityAsync_TableEntityWithUnsupportedValue_ThrowsNamingColumn()
    {
        var entity = new TableEntity("p", "r") { ["Amount"] = 1.5m };

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => _table.AddEntityAsync(entity));

        Assert.Contains("Amount", error.Message);
    }

    [Fact]
    public void GetInt32_ColumnHoldsString_ThrowsNamingBothTypes()
    {
        var entity = new TableEntity("p", "r") { ["Score"] = "42" };

        var error = Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Score"));

        Assert.Contains("String", error.Message);
        Assert.Null(entity.GetInt32("Missing"));
    }
}
