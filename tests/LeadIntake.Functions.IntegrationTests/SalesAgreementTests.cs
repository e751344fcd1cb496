using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sla;
using LeadIntake.Application.Webhooks;
using LeadIntake.Domain.Policy;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using LeadIntake.Storage.Activities;
using LeadIntake.Storage.Leads;
using LeadIntake.Storage.Sla;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// The agreement end to end through the local host and the real worker: capture → behaviour events → MQL → hand-off →
/// no response → one breach → accepted → contacts → qualified → opportunity → won, with replays and illegal moves.
/// </summary>
public sealed class SalesAgreementTests(AgreementAppFixture fixture) : IClassFixture<AgreementAppFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(40);

    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task FullFunnel_CaptureToWon_EveryMoveRecordedOnce()
    {
        var email = FunctionAppFixture.UniqueEmail("agreement");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);

        var beforeCapture = DateTimeOffset.UtcNow;

        // Capture: a corporate lead, no contact request. The form is worth 20 points, below the test policy's MQL bar of 40.
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync("api/leads", new { email, firstName = "Ada", company = "Contoso" })).StatusCode);
        var captured = await Eventually.GetAsync(async () => await fixture.LeadAsync(leadId), s_timeout, "the Leads row");
        Assert.Equal("Lead", captured.Stage);
        Assert.Equal(20, captured.Engagement);
        Assert.Equal(AgreementAppFixture.PolicyVersion, captured.PolicyVersion);

        // Behaviour events lift engagement: webinar attended +30 and an email open +5 → 55 ≥ 40 → MQL, handed over at once (nurture 0h).
        // They are dated before the capture (tracked before the form was sent), so the MQL move is recorded just after the
        // lead's entry and still sorts after its Lead row.
        object[] events =
        [
            new { id = "web-1", email, type = "webinar_attended", at = beforeCapture.AddSeconds(-2).ToString("O"), properties = new { webinar = "Q4 launch" } },
            new { id = "mail-1", email, type = "email_open", at = beforeCapture.AddSeconds(-1).ToString("O") },
        ];
        var accepted = await PostWithKeyAsync("api/activities", events);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var mql = await Eventually.GetAsync(async () => await fixture.LeadAsync(leadId) is { Stage: "MQL", HandedOffAt: not null } lead ? lead : null, s_timeout, "the MQL hand-off");
        Assert.Equal(55, mql.Engagement);
        Assert.Contains(mql.Owner, AgreementAppFixture.Owners);
        Assert.NotNull(mql.ResponseDueAt);

        var handoff = SalesHandoffMessage.Parse(await Eventually.GetAsync(
            async () => (await fixture.DrainAsync(StorageNames.SalesHandoffQueue)).FirstOrDefault(m => m.Contains(leadId, StringComparison.Ordinal)),
            s_timeout, "the sales-handoff message"));
        Assert.Equal("MQL", handoff.Stage);
        Assert.Equal(mql.Owner, handoff.Owner);
        Assert.Equal(AgreementAppFixture.PolicyVersion, handoff.PolicyVersion);
        Assert.StartsWith("act_", handoff.CauseId, StringComparison.Ordinal);

        // …and the signed webhook, checked by the test receiver with the published verifier.
        var posted = await Eventually.GetAsync(async () => { await Task.Yield(); return fixture.Receiver.For(leadId).FirstOrDefault(); }, s_timeout, "the hand-off webhook");
        Assert.True(posted.SignatureValid, $"signature '{posted.Signature}' did not verify");
        Assert.Equal(handoff.HandoffId, posted.Delivery);
        Assert.Equal(handoff.HandoffId, SalesHandoffMessage.Parse(posted.Body).HandoffId);

        // A replay of the same events adds nothing.
        Assert.Equal(HttpStatusCode.Accepted, (await PostWithKeyAsync("api/activities", events)).StatusCode);
        await fixture.Host.WaitForOutputAsync($"lead {leadId}: 0 new and 2 replayed event(s)", s_timeout);
        var afterReplay = await fixture.LeadAsync(leadId);
        Assert.Equal(55, afterReplay!.Engagement);
        Assert.Equal(3, (await fixture.RowsAsync<LeadActivityEntity>(StorageNames.LeadActivitiesTable, leadId)).Count); // form + 2 events

        // No response within the 3 s SLA: one breach row and one sla-breaches message.
        var breach = await Eventually.GetAsync(async () => (await BreachesAsync(leadId)).FirstOrDefault(), s_timeout, "the first-response breach");
        Assert.Equal("first_response", breach.Kind);
        Assert.Equal(mql.ResponseDueAt, breach.DueAt);
        Assert.Equal(mql.Owner, breach.Owner);
        var announced = SlaBreachMessage.Parse(await Eventually.GetAsync(
            async () => (await fixture.DrainAsync(StorageNames.SlaBreachesQueue)).FirstOrDefault(m => m.Contains(leadId, StringComparison.Ordinal)),
            s_timeout, "the sla-breaches message"));
        Assert.Equal(breach.RowKey, announced.BreachId);

        // Sales accepts: MQL → SAL (by email in the route).
        var acceptedBySales = await SalesEventAsync(Uri.EscapeDataString(email), new { id = "crm-1", type = "accepted", actor = "ada@sales" });
        Assert.Equal("SAL", acceptedBySales.GetProperty("stage").GetString());

        // An illegal move is 409 naming from and to, and writes nothing.
        var historyBefore = await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId);
        var leadBefore = await fixture.LeadAsync(leadId);
        var illegal = await PostWithKeyAsync($"api/leads/{leadId}/sales-events", new { id = "crm-bad", type = "won", actor = "ada@sales", amount = 1 });
        Assert.Equal(HttpStatusCode.Conflict, illegal.StatusCode);
        Assert.Equal("application/problem+json", illegal.Content.Headers.ContentType?.MediaType);
        var problem = await illegal.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("SAL", problem.GetProperty("from").GetString());
        Assert.Equal("Won", problem.GetProperty("to").GetString());
        Assert.Equal(historyBefore.Count, (await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId)).Count);
        Assert.Equal(leadBefore!.ETag, (await fixture.LeadAsync(leadId))!.ETag);

        // Contact attempts: the first is the first response; both count (minimum spacing 0s). A replayed id changes nothing.
        await SalesEventAsync(leadId, new { id = "crm-2", type = "contact_attempt", actor = "ada@sales" });
        var second = await SalesEventAsync(leadId, new { id = "crm-3", type = "contact_attempt", actor = "ada@sales" });
        Assert.Equal(2, second.GetProperty("followUpCount").GetInt32());
        var replayed = await SalesEventAsync(leadId, new { id = "crm-3", type = "contact_attempt", actor = "ada@sales" });
        Assert.False(replayed.GetProperty("applied").GetBoolean());
        Assert.Equal(2, replayed.GetProperty("followUpCount").GetInt32());

        Assert.Equal("SQL", (await SalesEventAsync(leadId, new { id = "crm-4", type = "qualified", actor = "bob@sales" })).GetProperty("stage").GetString());
        Assert.Equal("Opportunity", (await SalesEventAsync(leadId, new { id = "crm-5", type = "opportunity_created", actor = "bob@sales", amount = 5000 })).GetProperty("stage").GetString());
        Assert.Equal("Won", (await SalesEventAsync(leadId, new { id = "crm-6", type = "won", actor = "bob@sales", amount = 5200.50 })).GetProperty("stage").GetString());

        var won = (await fixture.LeadAsync(leadId))!;
        Assert.Equal("won", won.Outcome);
        Assert.Equal(5200.5, won.Amount);
        Assert.NotNull(won.FirstResponseAt);
        Assert.Equal(2, won.FollowUpCount);
        var history = (await fixture.RowsAsync<StageHistoryEntity>(StorageNames.StageHistoryTable, leadId)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        Assert.Equal(["Lead", "MQL", "SAL", "SQL", "Opportunity", "Won"], history.Select(r => r.ToStage));
        Assert.Equal(["pipeline", "pipeline", "ada@sales", "bob@sales", "bob@sales", "bob@sales"], history.Select(r => r.Actor));
        Assert.Equal("engaged", history[1].Rule);
        Assert.All(history, row => Assert.Equal(AgreementAppFixture.PolicyVersion, row.PolicyVersion));
        Assert.All(history, row => Assert.False(string.IsNullOrEmpty(row.ScoringModel)));

        // Later clock runs find nothing more: the breach stays one row.
        await fixture.Host.WaitForOutputAsync("SLA check:", s_timeout);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await BreachesAsync(leadId));
    }

    [Theory]
    [InlineData("api/activities")]
    [InlineData("api/leads/ld_00000000000000000000000000/sales-events")]
    public async Task Post_WithoutFunctionKey_Is401(string path)
    {
        var response = await Client.PostAsJsonAsync(path, new { id = "x", type = "email_open" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Activities_BadItems_400NamingEachItemAndFieldAndNothingQueued()
    {
        var email = FunctionAppFixture.UniqueEmail("bad-activity");
        object[] events =
        [
            new { id = "ok-1", email, type = "email_open", at = DateTimeOffset.UtcNow.ToString("O") },
            new { id = "bad/id", email, type = "pricng_page_view", at = "yesterday" },
            new { id = "ok-2", type = "email_open", at = DateTimeOffset.UtcNow.AddHours(1).ToString("O"), extra = 1 },
        ];

        var response = await PostWithKeyAsync("api/activities", events);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["[1].id", "[1].type", "[1].at", "[2].extra", "[2].email", "[2].at"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("pricng_page_view", errors.GetProperty("[1].type")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalesEvent_UnknownLead_404_AndMissingReason_400()
    {
        var unknown = await PostWithKeyAsync($"api/leads/{Uri.EscapeDataString(FunctionAppFixture.UniqueEmail("nobody"))}/sales-events", new { id = "s-1", type = "accepted", actor = "ada" });
        var noReason = await PostWithKeyAsync($"api/leads/{FunctionAppFixture.Identity.LeadIdFor("x@contoso-labs.com")}/sales-events", new { id = "s-2", type = "lost", actor = "ada" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Activities_UnknownEmail_DroppedAndCounted()
    {
        var email = FunctionAppFixture.UniqueEmail("stranger");

        var response = await PostWithKeyAsync("api/activities", new { id = "s-1", email, type = "link_click", at = DateTimeOffset.UtcNow.ToString("O") });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        await fixture.Host.WaitForOutputAsync($"lead {leadId}: no such lead; 1 activity event(s) dropped", s_timeout);
        Assert.Null(await fixture.LeadAsync(leadId));
        Assert.Empty(await fixture.RowsAsync<LeadActivityEntity>(StorageNames.LeadActivitiesTable, leadId));
    }

    private async Task<List<SlaBreachEntity>> BreachesAsync(string leadId)
    {
        var rows = new List<SlaBreachEntity>();
        await foreach (var row in fixture.Table(StorageNames.SlaBreachesTable).QueryAsync<SlaBreachEntity>(r => r.LeadId == leadId))
            rows.Add(row);
        return rows;
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", fixture.Host.FunctionKey);
        return Client.SendAsync(request);
    }

    private async Task<JsonElement> SalesEventAsync(string lead, object body)
    {
        var response = await PostWithKeyAsync($"api/leads/{lead}/sales-events", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>The app with a tiny SLA, a fast clock and routing, from a policy file named in settings.</summary>
public sealed class AgreementAppFixture : FunctionAppFixture
{
    /// <summary>The test policy's version.</summary>
    public const string PolicyVersion = "policy-e2e-1";

    /// <summary>The owners the test policy splits leads over.</summary>
    public static readonly string[] Owners = ["ada@sales", "bob@sales"];

    private const string WebhookSecret = "agreement-webhook-secret-0123456789";

    private readonly string _policyPath = Path.Combine(Path.GetTempPath(), $"leadintake-policy-{Guid.NewGuid():N}.json");
    private WebhookReceiver? _receiver;

    /// <summary>The hand-off webhook's receiver.</summary>
    public WebhookReceiver Receiver => _receiver ?? throw new InvalidOperationException("Not initialised.");

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        var policy = JsonNode.Parse(QualificationPolicy.DefaultJson)!.AsObject();
        policy["version"] = PolicyVersion;
        policy["mql"] = JsonNode.Parse("""[{ "rule": "engaged", "fitAtLeast": 0, "engagementAtLeast": 40 }]""");
        policy["nurturePeriod"] = "0h";
        policy["handoff"] = JsonNode.Parse("""{ "stage": "SAL", "routing": { "mode": "even", "owners": ["ada@sales", "bob@sales"] } }""");
        policy["sla"] = JsonNode.Parse("""
            { "timeZone": "UTC", "workingDays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
              "workingHours": { "start": "00:00", "end": "24:00" }, "holidays": [],
              "firstResponse": "3s", "followUps": { "count": 2, "within": "10m", "minSpacing": "0s" },
              "whenFollowUpsExhausted": { "moveTo": "Nurture", "reason": "follow_ups_exhausted" } }
            """);
        QualificationPolicy.Parse(policy.ToJsonString()); // fail here, not in the app, if the test policy is wrong
        await File.WriteAllTextAsync(_policyPath, policy.ToJsonString());
        _receiver = await WebhookReceiver.StartAsync(WebhookSecret);
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_receiver is not null)
            await _receiver.DisposeAsync();
        File.Delete(_policyPath);
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("QualificationPolicy__Path", _policyPath),
        new(FunctionNames.SlaCheckScheduleSetting, "*/1 * * * * *"),
        new($"{HandoffWebhookOptions.SectionName}__WebhookUrl", Receiver.Url.ToString()),
        new($"{HandoffWebhookOptions.SectionName}__WebhookSecret", WebhookSecret),
    ];
}
