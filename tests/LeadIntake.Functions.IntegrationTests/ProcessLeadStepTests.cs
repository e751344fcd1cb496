using System.Text.Json;
using LeadIntake.Functions.Pipeline;
using LeadIntake.Functions.Pipeline.Entities;
using LeadIntake.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>ProcessLeadStep against Azurite: staging, hand-off and snapshots.</summary>
public sealed class ProcessLeadStepTests(CaptureAppFixture fixture) : IClassFixture<CaptureAppFixture>
{
    private ProcessLeadStep Step => fixture.Factory.Services.GetRequiredService<ProcessLeadStep>();

    [Fact]
    public async Task RunAsync_HotLead_ReachesSqlRecordsEveryChangeAndHandsOff()
    {
        var email = TestSubmissions.UniqueEmail("hot");
        var leadId = TestSubmissions.Identity.LeadIdFor(email);
        // points-v1: corporate +10, contact requested +30, demo form +20, C-level +20 = 80 >= SQL threshold 70.
        var message = TestSubmissions.Message(email, ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "Chief Executive Officer"));

        var result = await Step.RunAsync(message);

        Assert.Equal("SQL", result.Stage);
        Assert.Equal(80, result.Score);
        var history = (await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId)).OrderBy(r => r.RowKey).ToList();
        Assert.Equal("", history[0].FromStage);
        Assert.Equal("Lead", history[0].ToStage);
        Assert.Equal("SQL", history[^1].ToStage);
        Assert.All(history.Zip(history.Skip(1)), pair => Assert.Equal(pair.First.ToStage, pair.Second.FromStage));
        var handoffs = await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
        var handoff = JsonSerializer.Deserialize<SalesHandoffMessage>(Assert.Single(handoffs, h => h.Contains(leadId, StringComparison.Ordinal)), JsonSerializerOptions.Web)!;
        Assert.Equal(email, handoff.Email);
        Assert.Equal(80, handoff.Score);
    }

    [Fact]
    public async Task RunAsync_ColdLead_StaysLeadWithoutHandOff()
    {
        var email = $"someone-{Guid.NewGuid():N}@gmail.com";
        var leadId = TestSubmissions.Identity.LeadIdFor(email);

        var result = await Step.RunAsync(TestSubmissions.Message(email));

        Assert.Equal("Lead", result.Stage);
        var lead = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal("free_mail", lead.EmailClass);
        Assert.Equal(LeadEntity.ProfileRowKey, lead.RowKey);
        Assert.DoesNotContain(await fixture.DrainAsync(StorageNames.SalesHandoffQueue), h => h.Contains(leadId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SecondSubmission_MergesProfileAndKeepsFirstTouch()
    {
        var email = TestSubmissions.UniqueEmail("merge");
        var leadId = TestSubmissions.Identity.LeadIdFor(email);

        await Step.RunAsync(TestSubmissions.Message(email, ("firstName", "Ada"), ("utm_source", "google"), ("utm_medium", "cpc")));
        await Step.RunAsync(TestSubmissions.Message(email, ("company", "Analytical Engines"), ("utm_source", "newsletter"), ("utm_medium", "email")));

        var lead = Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId));
        Assert.Equal(2, lead.SubmissionCount);
        Assert.Equal("Ada", lead.FirstName);
        Assert.Equal("Analytical Engines", lead.Company);
        Assert.Equal("google", lead.FirstTouchSource);
        Assert.Equal("newsletter", lead.LastTouchSource);
        Assert.Equal(2, (await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId)).Count);
    }

    [Fact]
    public async Task RunAsync_Snapshot_StoresFeaturesScoreAndModel()
    {
        var email = TestSubmissions.UniqueEmail("snapshot");
        var leadId = TestSubmissions.Identity.LeadIdFor(email);

        var result = await Step.RunAsync(TestSubmissions.Message(email, ("phone", "+44 20 7946 0000")));

        var snapshot = Assert.Single(await fixture.RowsAsync<ScoreSnapshotEntity>(StorageNames.ScoreSnapshotsTable, leadId));
        Assert.Equal(result.Score, snapshot.Score);
        Assert.Equal(result.SubmissionId, snapshot.SubmissionId);
        Assert.Equal("points-v1", snapshot.ScoringModel);
        using var features = JsonDocument.Parse(snapshot.Features);
        Assert.Equal("corporate", features.RootElement.GetProperty("email_class").GetString());
        Assert.NotEqual(JsonValueKind.Undefined, features.RootElement.GetProperty("has_phone").ValueKind);
    }
}
