using LeadIntake.Application.Export;
using LeadIntake.Domain.Funnel;
using LeadIntake.Storage.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>The lead export's filtered query over the Leads table against Azurite: stage, first-seen range, profile rows only.</summary>
/// <remarks>The rows are written straight into the table with first-seen times in 2030, so no other test's leads match.</remarks>
public sealed class LeadExportSourceTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset s_day = new(2030, 6, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_StageAndRange_OnlyMatchingProfileRowsWithTheirColumns()
    {
        var leads = fixture.Table(StorageNames.LeadsTable);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        LeadEntity Lead(string id, string stage, DateTimeOffset firstSeen) => new()
        {
            PartitionKey = $"ld_{prefix}{id}", RowKey = LeadEntity.ProfileRowKey, Email = $"{id}@contoso-labs.com", Stage = stage, FirstSeenAt = firstSeen,
            FirstName = "=1+1", Score = 71, Grade = "B", Engagement = 20, Channel = "email", FirstTouchCampaign = "spring", Owner = "ada@sales",
            StageEnteredAt = firstSeen.AddHours(1), Outcome = null, Amount = 12.5,
        };
        var a0 = Lead("a", "MQL", s_day);
        (a0.ConsentMarketing, a0.ConsentVersion, a0.ConsentFormId, a0.ConsentAt) = (true, "privacy-2030-06", "webinar", s_day.AddMinutes(-5));
        await leads.AddEntityAsync(a0);
        await leads.AddEntityAsync(Lead("b", "MQL", s_day.AddDays(1).AddMilliseconds(-1)));
        await leads.AddEntityAsync(Lead("c", "MQL", s_day.AddDays(1)));       // after the range
        await leads.AddEntityAsync(Lead("d", "SQL", s_day.AddHours(3)));      // another stage
        await leads.AddEntityAsync(Lead("e", "MQL", s_day.AddMilliseconds(-1)));     // before the range
        // A lead partition's other rows (a hand-off outbox row) are never exported.
        await leads.AddEntityAsync(new SalesHandoffOutboxEntity { PartitionKey = $"ld_{prefix}a", RowKey = "outbox_x" });

        var source = fixture.Services.GetRequiredService<ILeadExportSource>();
        var rows = new List<LeadExportRow>();
        await foreach (var row in source.ReadAsync(new LeadExportQuery(FunnelStage.MarketingQualified, s_day, s_day.AddDays(1)), CancellationToken.None))
            rows.Add(row);

        Assert.Equal([$"ld_{prefix}a", $"ld_{prefix}b"], rows.Select(r => r.LeadId).Order(StringComparer.Ordinal));
        var a = rows.Single(r => r.LeadId == $"ld_{prefix}a");
        Assert.Equal(
            new LeadExportRow($"ld_{prefix}a", "a@contoso-labs.com", "=1+1", null, null, null, "MQL", 71, "B", 20, "email", "spring", null, "ada@sales", s_day, s_day.AddHours(1), null, 12.5)
            {
                ConsentMarketing = true,
                ConsentVersion = "privacy-2030-06",
                ConsentAt = s_day.AddMinutes(-5),
            },
            a);
        var b = rows.Single(r => r.LeadId == $"ld_{prefix}b");
        Assert.Equal((false, (string?)null, (DateTimeOffset?)null), (b.ConsentMarketing, b.ConsentVersion, b.ConsentAt));   // never consented
    }
}
