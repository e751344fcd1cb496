using Azure.Data.Tables;
using LeadIntake.Application.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Storage.Capture;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>TableSpamCountStore against Azurite: the SpamDaily rows a marketer reads, and additions from several instances at once.</summary>
public sealed class SpamCountStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateOnly s_day = new(2026, 12, 1);

    // A second instance: its own client and store over the same account.
    private TableSpamCountStore NewInstance() => new(new TableServiceClient(fixture.Azurite.ConnectionString));

    [Fact]
    public async Task AddAsync_NewAndExistingRows_ReadableRowsAddedUp()
    {
        var store = fixture.Services.GetRequiredService<ISpamCountStore>();
        var form = $"dec/webinar-{Guid.NewGuid():N}";   // '/' cannot be in a key: escaped in the RowKey, kept in Form
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        await store.AddAsync(new SpamCount(s_day, form, SpamReason.Honeypot, 3, at), CancellationToken.None);
        await store.AddAsync(new SpamCount(s_day, form, SpamReason.TooFast, 1, at), CancellationToken.None);
        await store.AddAsync(new SpamCount(s_day, form, SpamReason.Honeypot, 2, at.AddMinutes(-5)), CancellationToken.None);

        var row = (await fixture.Table(StorageNames.SpamDailyTable).GetEntityAsync<SpamDailyEntity>("2026-12-01", $"{TableKeys.Escape(form)}|honeypot")).Value;
        Assert.Equal((form, "honeypot", 5L, at), (row.Form, row.Reason, row.Count, row.LastAt));   // the later LastAt is kept
        Assert.StartsWith("dec%2Fwebinar-", row.RowKey, StringComparison.Ordinal);
        var raw = (await fixture.Table(StorageNames.SpamDailyTable).GetEntityAsync<TableEntity>("2026-12-01", row.RowKey)).Value;
        Assert.IsType<long>(raw["Count"]);                  // Int64 in Storage Explorer, not a string
        Assert.Equal(1, (await fixture.Table(StorageNames.SpamDailyTable).GetEntityAsync<SpamDailyEntity>("2026-12-01", $"{TableKeys.Escape(form)}|too-fast")).Value.Count);
    }

    [Fact]
    public async Task AddAsync_TwoInstancesAtOnceOnOneRow_SumIsExact()
    {
        var form = $"flood-{Guid.NewGuid():N}";
        var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        TableSpamCountStore[] instances = [NewInstance(), NewInstance()];

        // Each instance adds 1..25 in turn, both racing on the same (new) row: inserts collide (409), updates collide (412).
        await Task.WhenAll(instances.Select((store, i) => Task.Run(async () =>
        {
            for (var n = 1; n <= 25; n++)
                await store.AddAsync(new SpamCount(s_day, form, SpamReason.FormRateLimit, n, at.AddSeconds(i * 100 + n)), CancellationToken.None);
        })));

        var row = (await fixture.Table(StorageNames.SpamDailyTable).GetEntityAsync<SpamDailyEntity>("2026-12-01", $"{form}|rate-form")).Value;
        Assert.Equal(2 * (25 * 26 / 2), row.Count);         // 2 × (1 + … + 25) = 650
        Assert.Equal(at.AddSeconds(125), row.LastAt);
    }

    [Fact]
    public async Task FlushAsync_ThroughSpamLogToTable_CountsLand()
    {
        var log = new SpamLog(fixture.Services.GetRequiredService<ISpamCountStore>());
        var form = $"log-{Guid.NewGuid():N}";
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 200; i++)
            log.Record(form, SpamReason.Honeypot, at.AddMilliseconds(i * 5));

        Assert.Equal(1, await log.FlushAsync(CancellationToken.None));

        var row = (await fixture.Table(StorageNames.SpamDailyTable).GetEntityAsync<SpamDailyEntity>("2026-12-01", $"{form}|honeypot")).Value;
        Assert.Equal((200L, at.AddMilliseconds(995)), (row.Count, row.LastAt));
    }
}
