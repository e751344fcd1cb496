using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using LeadIntake.Storage;
using LeadIntake.Storage.Activities;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// Erasure (<c>DELETE /api/leads?email=</c>) and access (<c>GET /api/leads/export?email=</c>) through the local host and
/// the real worker: admin key only, the export is every stored row, and after the erasure no row of any table in the
/// account names the lead or its email while another lead's rows stay.
/// </summary>
public sealed class PersonalDataApiTests(FunctionAppFixture fixture) : IClassFixture<FunctionAppFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("DELETE", "api/leads?email=jane%40example.com", null)]
    [InlineData("DELETE", "api/leads?email=jane%40example.com", "function")]
    [InlineData("GET", "api/leads/export?email=jane%40example.com", null)]
    [InlineData("GET", "api/leads/export?email=jane%40example.com", "function")]
    public async Task PersonalData_WithoutTheAdminKey_Is401(string method, string path, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key == "function")
            request.Headers.Add("x-functions-key", fixture.Host.FunctionKey);

        var response = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("DELETE", "api/leads", new[] { "email" })]
    [InlineData("DELETE", "api/leads?email=not-an-address", new[] { "email" })]
    [InlineData("GET", "api/leads/export?email=a%40b.com&email=c%40d.com", new[] { "email" })]
    [InlineData("GET", "api/leads/export?mail=jane%40example.com", new[] { "email", "mail" })]
    public async Task PersonalData_BadEmail_400ProblemNamingIt(string method, string path, string[] fields)
    {
        var response = await fixture.Host.Client.SendAsync(fixture.Host.AdminRequest(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Erase_UnknownPerson_200WithZeroCountsForEveryTable()
    {
        var response = await fixture.Host.Client.SendAsync(fixture.Host.AdminRequest(HttpMethod.Delete, $"api/leads?email={Uri.EscapeDataString(FunctionAppFixture.UniqueEmail("nobody"))}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("found").GetBoolean());
        Assert.Equal(StorageNames.Tables, body.GetProperty("deleted").EnumerateObject().Select(p => p.Name));
        Assert.All(body.GetProperty("deleted").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt32()));
    }

    [Fact]
    public async Task ExportThenErase_CapturedLeadWithActivityAndSalesEvent_ExportIsEveryRowAndAfterwardsNoRowNamesIt()
    {
        var email = FunctionAppFixture.UniqueEmail("erase");
        var otherEmail = FunctionAppFixture.UniqueEmail("keep");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        var otherId = FunctionAppFixture.Identity.LeadIdFor(otherEmail);
        // Default policy: a contact request is the SQL fast track, handed to sales at once (Deadlines and SalesCycles rows).
        foreach (var address in new[] { email, otherEmail })
        {
            var captured = await fixture.Host.Client.PostAsJsonAsync("api/leads", new
            {
                email = address, firstName = "Jane", company = "Contoso Labs", jobTitle = "CEO", contact_requested = "true", consent_marketing = "true",
                utm_source = "newsletter", utm_medium = "email",
            });
            Assert.Equal(HttpStatusCode.Accepted, captured.StatusCode);
        }

        await Eventually.GetAsync(async () => await fixture.LeadAsync(leadId) is { HandedOffAt: not null } lead ? lead : null, s_timeout, "the hand-off");
        await Eventually.GetAsync(async () => await fixture.LeadAsync(otherId), s_timeout, "the other lead");
        var activity = await PostWithFunctionKeyAsync("api/activities", new { id = $"ev-{Guid.NewGuid():N}", email, type = "email_open", at = DateTimeOffset.UtcNow });
        Assert.Equal(HttpStatusCode.Accepted, activity.StatusCode);
        var salesEvent = await PostWithFunctionKeyAsync($"api/leads/{Uri.EscapeDataString(email)}/sales-events", new { id = $"se-{Guid.NewGuid():N}", type = "contact_attempt", actor = "ada@sales" });
        Assert.True(salesEvent.StatusCode == HttpStatusCode.OK, await salesEvent.Content.ReadAsStringAsync());
        // Timeline: the form submission, the email open (through the queue) and the contact attempt.
        await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<LeadActivityEntity>(StorageNames.LeadActivitiesTable, leadId)).Count == 3 ? "" : null, s_timeout, "the activities");
        var stored = (await EveryRowAsync()).Where(r => Names(r.Row, leadId, email)).ToList();
        Assert.Contains(stored, r => r.Table == StorageNames.SalesCyclesTable);
        Assert.Contains(stored, r => r.Table == StorageNames.DeadlinesTable);

        // Access: a download of every stored row, as stored. The case of the address does not matter.
        var export = await fixture.Host.Client.SendAsync(fixture.Host.AdminRequest(HttpMethod.Get, $"api/leads/export?email={Uri.EscapeDataString(email.ToUpperInvariant())}"));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"personal-data-{leadId}.json", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(export.Headers.CacheControl?.NoStore);
        var data = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(leadId, data.GetProperty("leadId").GetString());
        Assert.Equal(email, data.GetProperty("email").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.True(DateTimeOffset.UtcNow - data.GetProperty("exportedAt").GetDateTimeOffset() < s_timeout);
        var tables = data.GetProperty("tables");
        Assert.Equal(StorageNames.Tables, tables.EnumerateObject().Select(p => p.Name));
        foreach (var table in StorageNames.Tables)
        {
            Assert.Equal(
                stored.Where(r => r.Table == table).Select(r => (r.Row.PartitionKey, r.Row.RowKey)).Order(),
                tables.GetProperty(table).EnumerateArray().Select(r => (r.GetProperty("PartitionKey").GetString()!, r.GetProperty("RowKey").GetString()!)).Order());
        }

        var profile = Assert.Single(tables.GetProperty(StorageNames.LeadsTable).EnumerateArray(), r => r.GetProperty("RowKey").GetString() == "lead");
        Assert.Equal(email, profile.GetProperty("Email").GetString());
        Assert.Equal("Jane", profile.GetProperty("FirstName").GetString());
        Assert.True(profile.GetProperty("ConsentMarketing").GetBoolean());
        Assert.True(profile.TryGetProperty("Timestamp", out _));
        Assert.Equal(
            ["behaviour", "form", "sales"],
            tables.GetProperty(StorageNames.LeadActivitiesTable).EnumerateArray().Select(r => r.GetProperty("Source").GetString()!).Order(StringComparer.Ordinal));

        // Erasure.
        var otherBefore = (await EveryRowAsync()).Where(r => Names(r.Row, otherId, otherEmail)).Select(r => (r.Table, r.Row.PartitionKey, r.Row.RowKey)).ToList();
        var erase = await fixture.Host.Client.SendAsync(fixture.Host.AdminRequest(HttpMethod.Delete, $"api/leads?email={Uri.EscapeDataString(email)}"));

        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var erased = await erase.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(leadId, erased.GetProperty("leadId").GetString());
        Assert.True(erased.GetProperty("found").GetBoolean());
        var deleted = erased.GetProperty("deleted");
        Assert.Equal(StorageNames.Tables, deleted.EnumerateObject().Select(p => p.Name));
        foreach (var table in StorageNames.Tables)
            Assert.True(stored.Count(r => r.Table == table) == deleted.GetProperty(table).GetInt32(), $"{table}: {deleted}");
        var after = await EveryRowAsync();
        Assert.DoesNotContain(after, r => Names(r.Row, leadId, email));
        Assert.Empty(otherBefore.Except(after.Select(r => (r.Table, r.Row.PartitionKey, r.Row.RowKey))));
        // The host's and worker's logs name the lead id, never the address.
        Assert.Contains($"Erased {leadId}", fixture.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(email, fixture.Host.Output, StringComparison.OrdinalIgnoreCase);

        var exportAfter = await fixture.Host.Client.SendAsync(fixture.Host.AdminRequest(HttpMethod.Get, $"api/leads/export?email={Uri.EscapeDataString(email)}"));
        var left = (await exportAfter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tables");
        Assert.All(left.EnumerateObject(), table => Assert.Empty(table.Value.EnumerateArray()));
    }

    private Task<HttpResponseMessage> PostWithFunctionKeyAsync(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-functions-key", fixture.Host.FunctionKey);
        return fixture.Host.Client.SendAsync(request);
    }

    private Task<List<(string Table, TableEntity Row)>> EveryRowAsync() => AccountRows.EveryRowAsync(fixture.Azurite.CreateTableServiceClient());

    private static bool Names(TableEntity row, string leadId, string email) => AccountRows.Names(row, leadId, email);
}
