using LeadIntake.Application.Kpis;
using LeadIntake.Domain.Kpis;
using LeadIntake.Storage.Kpis;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>The MarketingSpend table against Azurite: key scheme, columns, replace on repeat, month range reads.</summary>
/// <remarks>Each test uses its own months (years 2030+), so tests sharing the fixture never read each other's rows.</remarks>
public sealed class MarketingSpendStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private IMarketingSpendStore Store => fixture.Services.GetRequiredService<IMarketingSpendStore>();

    [Fact]
    public async Task UpsertAsync_ChannelAndCampaignRows_KeysAndColumnsAsStorageExplorerShowsThem()
    {
        MarketingSpend[] spend =
        [
            new("2031-11", KpiDimension.Channel, "paid_search", 1200.5m, "EUR"),
            new("2031-11", KpiDimension.Campaign, "dec/webinar #2? 50%\\off\u0001", 300m, "EUR"),
        ];

        await Store.UpsertAsync(spend, CancellationToken.None);

        var rows = (await fixture.RowsAsync<MarketingSpendEntity>(StorageNames.MarketingSpendTable, "2031-11")).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        Assert.Equal(["campaign:dec%2Fwebinar %232%3F 50%25%5Coff%01", "channel:paid_search"], rows.Select(r => r.RowKey));
        Assert.Equal(["campaign", "channel"], rows.Select(r => r.Dimension));
        Assert.Equal(["dec/webinar #2? 50%\\off\u0001", "paid_search"], rows.Select(r => r.Value));
        Assert.Equal([300.0, 1200.5], rows.Select(r => r.Amount));
        Assert.All(rows, r => Assert.Equal("EUR", r.Currency));
    }

    [Fact]
    public async Task UpsertAsync_SameMonthAndChannelAgain_Replaced()
    {
        await Store.UpsertAsync([new("2032-01", KpiDimension.Channel, "email", 10m, "EUR")], CancellationToken.None);

        await Store.UpsertAsync([new("2032-01", KpiDimension.Channel, "email", 25.75m, "USD")], CancellationToken.None);

        var row = Assert.Single(await fixture.RowsAsync<MarketingSpendEntity>(StorageNames.MarketingSpendTable, "2032-01"));
        Assert.Equal(25.75, row.Amount);
        Assert.Equal("USD", row.Currency);
    }

    [Fact]
    public async Task ReadAsync_MonthRange_InclusiveAndOnlyUsableRows()
    {
        await Store.UpsertAsync(
        [
            new("2033-01", KpiDimension.Channel, "email", 1m, "EUR"),
            new("2033-02", KpiDimension.Campaign, "spring", 2m, "EUR"),
            new("2033-03", KpiDimension.Channel, "social", 3m, "EUR"),
            new("2033-04", KpiDimension.Channel, "social", 4m, "EUR"),
        ], CancellationToken.None);
        // A row a marketer typed in Storage Explorer with a dimension the KPIs do not know is left out, not a failure.
        await fixture.Table(StorageNames.MarketingSpendTable).AddEntityAsync(new MarketingSpendEntity
        {
            PartitionKey = "2033-02", RowKey = "tv:prime", Dimension = "tv", Value = "prime", Amount = 9, Currency = "EUR",
        });
        // 150 rows of one month: more than one table transaction holds.
        await Store.UpsertAsync([.. Enumerable.Range(0, 150).Select(i => new MarketingSpend("2033-05", KpiDimension.Campaign, $"c{i}", i, "EUR"))], CancellationToken.None);

        var read = await Store.ReadAsync("2033-02", "2033-03", CancellationToken.None);

        Assert.Equal(
            [new MarketingSpend("2033-02", KpiDimension.Campaign, "spring", 2m, "EUR"), new MarketingSpend("2033-03", KpiDimension.Channel, "social", 3m, "EUR")],
            read.OrderBy(s => s.Month, StringComparer.Ordinal));
        Assert.Equal(150, (await Store.ReadAsync("2033-05", "2033-05", CancellationToken.None)).Count);
    }
}
