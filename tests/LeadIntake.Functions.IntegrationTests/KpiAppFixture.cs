using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadIntake.Domain.Policy;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// The app for the KPI API, the exports and the dashboard: every captured lead is an MQL handed to sales at once, the
/// SLA clock and the funnel rebuild run every second or two, so a test's captures and sales events show in the KPIs
/// within seconds, written through the app's real paths.
/// </summary>
public sealed class KpiAppFixture : FunctionAppFixture
{
    /// <summary>The test policy's version.</summary>
    public const string PolicyVersion = "policy-kpi-1";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private readonly string _policyPath = Path.Combine(Path.GetTempPath(), $"leadintake-kpi-policy-{Guid.NewGuid():N}.json");

    /// <summary>This UTC month's first and last day: the KPI range whose spend is whole.</summary>
    public static (DateOnly From, DateOnly To) ThisMonth
    {
        get
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var first = new DateOnly(today.Year, today.Month, 1);
            return (first, first.AddMonths(1).AddDays(-1));
        }
    }

    /// <summary>This UTC month, <c>yyyy-MM</c>.</summary>
    public static string ThisMonthKey => ThisMonth.From.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        var policy = JsonNode.Parse(QualificationPolicy.DefaultJson)!.AsObject();
        policy["version"] = PolicyVersion;
        // The form alone (20 points) makes an MQL; no nurture period: handed to sales at once.
        policy["mql"] = JsonNode.Parse("""[{ "rule": "engaged", "fitAtLeast": 0, "engagementAtLeast": 20 }]""");
        policy["nurturePeriod"] = "0h";
        policy["handoff"] = JsonNode.Parse("""{ "stage": "SAL", "routing": { "mode": "even", "owners": ["ada@sales", "bob@sales"] } }""");
        policy["sla"] = JsonNode.Parse("""
            { "timeZone": "Europe/Berlin", "workingDays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
              "workingHours": { "start": "00:00", "end": "24:00" }, "holidays": [],
              "firstResponse": "2s", "followUps": { "count": 1, "within": "10m", "minSpacing": "0s" },
              "whenFollowUpsExhausted": { "moveTo": "Nurture", "reason": "follow_ups_exhausted" } }
            """);
        QualificationPolicy.Parse(policy.ToJsonString()); // fail here, not in the app, if the test policy is wrong
        await File.WriteAllTextAsync(_policyPath, policy.ToJsonString());
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_policyPath);
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("QualificationPolicy__Path", _policyPath),
        new(FunctionNames.SlaCheckScheduleSetting, "*/1 * * * * *"),
        new(FunctionNames.FunnelRebuildScheduleSetting, "*/2 * * * * *"),
    ];

    /// <summary>A GET with the function key.</summary>
    public Task<HttpResponseMessage> GetAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", Host.FunctionKey);
        return Host.Client.SendAsync(request);
    }

    /// <summary>A POST with the function key.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("x-functions-key", Host.FunctionKey);
        return Host.Client.SendAsync(request);
    }

    /// <summary>Captures <paramref name="fields"/> as a lead and waits until ProcessLead handed it to sales; returns its lead id.</summary>
    public async Task<string> CaptureHandedOffAsync(string email, object fields)
    {
        var body = JsonSerializer.SerializeToNode(fields)!.AsObject();
        body["email"] = email;
        var response = await Host.Client.PostAsync("api/leads", JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = Identity.LeadIdFor(email);
        await Eventually.GetAsync(async () => await LeadAsync(leadId) is { Stage: "MQL", HandedOffAt: not null } lead ? lead : null, s_timeout, $"the hand-off of {leadId}");
        return leadId;
    }

    /// <summary>Applies sales events to a lead, in order, each answered 200.</summary>
    public async Task SalesEventsAsync(string leadId, params object[] events)
    {
        foreach (var salesEvent in events)
        {
            var response = await PostAsync($"api/leads/{leadId}/sales-events", JsonContent.Create(salesEvent));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Six leads of one campaign across channels, moved through the funnel by sales: one won (5,000), one lost, one SQL,
    /// one SAL never contacted and two MQLs left alone (both breach the 2-second first-response SLA). Returns the lead ids, in that order.
    /// </summary>
    public async Task<string[]> SeedFunnelAsync(string campaign)
    {
        object Touch(string source, string medium) => new { firstName = "Kim", company = "Contoso", utm_source = source, utm_medium = medium, utm_campaign = campaign };
        var ids = new string[6];
        ids[0] = await CaptureHandedOffAsync(UniqueEmail("won"), Touch("google", "cpc"));
        ids[1] = await CaptureHandedOffAsync(UniqueEmail("lost"), Touch("google", "cpc"));
        ids[2] = await CaptureHandedOffAsync(UniqueEmail("sql"), Touch("newsletter", "email"));
        ids[3] = await CaptureHandedOffAsync(UniqueEmail("sal"), Touch("newsletter", "email"));
        ids[4] = await CaptureHandedOffAsync(UniqueEmail("mql"), Touch("linkedin", "social"));
        ids[5] = await CaptureHandedOffAsync(UniqueEmail("silent"), Touch("partner-site", "referral"));

        object Event(string id, string type, object? amount = null, string? reason = null) => new { id, type, actor = "ada@sales", amount, reason };
        await SalesEventsAsync(ids[0], Event("a", "accepted"), Event("c", "contact_attempt"), Event("q", "qualified"), Event("o", "opportunity_created", 4000), Event("w", "won", 5000));
        await SalesEventsAsync(ids[1], Event("a", "accepted"), Event("c", "contact_attempt"), Event("q", "qualified"), Event("o", "opportunity_created", 3000), Event("l", "lost", reason: "no_budget"));
        await SalesEventsAsync(ids[2], Event("a", "accepted"), Event("c", "contact_attempt"), Event("q", "qualified"));
        await SalesEventsAsync(ids[3], Event("a", "accepted"));
        return ids;
    }

    /// <summary>Polls <c>/api/kpis</c> until <paramref name="ready"/> holds for the report (the rebuild timer has caught up).</summary>
    public async Task<JsonElement> KpisWhenAsync(string query, Func<JsonElement, bool> ready, string what)
    {
        var report = await Eventually.GetAsync<object>(async () =>
        {
            var response = await GetAsync("api/kpis?" + query);
            if (response.StatusCode != HttpStatusCode.OK)
                return null;
            var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return ready(report) ? report : null;
        }, s_timeout, what);
        return (JsonElement)report;
    }
}

/// <summary>The collection of tests sharing one <see cref="KpiAppFixture"/> (API tests and the dashboard's browser test).</summary>
[CollectionDefinition(Name)]
public sealed class KpiCollection : ICollectionFixture<KpiAppFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "kpis";
}
