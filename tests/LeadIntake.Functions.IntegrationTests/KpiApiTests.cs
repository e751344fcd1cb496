using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadIntake.Application.Csv;
using LeadIntake.Application.Export;
using LeadIntake.Storage;
using LeadIntake.Storage.Kpis;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// The KPI API, spend, the CSV exports and the dashboard page through the local host and the real worker: keys, strict
/// parameters, spend round trips into cost, the funnel after captures and sales events, formula-safe lead exports.
/// </summary>
[Collection(KpiCollection.Name)]
public sealed class KpiApiTests(KpiAppFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private static string ThisMonthRange => $"from={KpiAppFixture.ThisMonth.From:yyyy-MM-dd}&to={KpiAppFixture.ThisMonth.To:yyyy-MM-dd}";

    [Theory]
    [InlineData("GET", "api/kpis")]
    [InlineData("GET", "api/kpis/plan?revenueGoal=1&marketingShare=0.5&averageDealSize=1")]
    [InlineData("GET", "api/kpis.csv")]
    [InlineData("GET", "api/leads.csv")]
    [InlineData("GET", "api/dashboard")]
    [InlineData("POST", "api/spend")]
    public async Task Endpoint_WithoutFunctionKey_Is401(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = JsonContent.Create(new { spend = Array.Empty<object>() });

        var response = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("api/kpis?from=2026-13-01&groupBy=region&period=year&groupby=channel", new[] { "groupby", "from", "groupBy", "period" })]
    [InlineData("api/kpis?from=2026-05-02&to=2026-05-01", new[] { "to" })]
    [InlineData("api/kpis?from=2020-01-01&to=2026-01-01", new[] { "to" })]
    [InlineData("api/kpis?period=week&period=month", new[] { "period" })]
    [InlineData("api/kpis.csv?to=tomorrow", new[] { "to" })]
    [InlineData("api/kpis/plan?marketingShare=1.5&averageDealSize=-3&period=decade&mqlToSql=abc", new[] { "revenueGoal", "marketingShare", "averageDealSize", "period", "mqlToSql" })]
    [InlineData("api/kpis/plan?revenueGoal=0&marketingShare=0.4&averageDealSize=25000", new[] { "revenueGoal" })]
    [InlineData("api/kpis/plan?revenueGoal=1000000000000&marketingShare=1&averageDealSize=0.5&leadToMql=0.00000001&sqlToWon=1e-3", new[] { "averageDealSize", "leadToMql", "sqlToWon" })]
    [InlineData("api/leads.csv?stage=Hot&from=2026-02-30&to=x", new[] { "stage", "from", "to" })]
    [InlineData("api/leads.csv?from=2026-05-02&to=2026-05-01", new[] { "to" })]
    [InlineData("api/leads.csv?to=9999-12-31", new[] { "to" })]
    [InlineData("api/kpis?from=0001-01-01&to=0001-01-02", new[] { "from", "to" })]
    public async Task Get_BadParameters_400ProblemNamingEach(string path, string[] fields)
    {
        var response = await fixture.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Plan_ExtremeButAllowedInput_200NotAServerError()
    {
        var response = await fixture.GetAsync("api/kpis/plan?revenueGoal=1000000000000&marketingShare=1&averageDealSize=1&leadToMql=0.0001&mqlToSql=0.0001&sqlToWon=0.0001&period=month");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("given", plan.GetProperty("rates").GetProperty("leadToMql").GetProperty("source").GetString());
        Assert.NotEmpty(plan.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task Spend_BadJsonRows_400NamingEachRowAndFieldAndNothingStored()
    {
        var response = await fixture.PostAsync("api/spend", JsonContent.Create(new
        {
            spend = new object[]
            {
                new { month = "2041-01", channel = "paid_search", amount = 10, currency = "EUR" },
                new { month = "2041-13", channel = "tv", amount = -1, currency = "euro" },
                new { month = "2041-01", channel = "email", campaign = "x", amount = "12", currency = "EUR", extra = true },
                new { month = "2041-01", channel = "paid_search", amount = 11, currency = "EUR" },
            },
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ["spend[1].month", "spend[1].channel", "spend[1].amount", "spend[1].currency", "spend[2].extra", "spend[2].amount", "spend[2].channel", "spend[3].channel"],
            errors.EnumerateObject().Select(p => p.Name));
        Assert.Empty(await fixture.RowsAsync<MarketingSpendEntity>(StorageNames.MarketingSpendTable, "2041-01"));
    }

    [Theory]
    [InlineData("text/csv", "month,channel,campaign,amount,currency\r\n2041-02,paid_search,,1e9,EUR\r\n", "lines[2].amount", HttpStatusCode.BadRequest)]
    [InlineData("text/csv", "month;channel;campaign;amount;currency\r\n", "lines[1]", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", "month,channel,campaign,amount,currency\r\n", null, HttpStatusCode.UnsupportedMediaType)]
    public async Task Spend_BadCsv_Refused(string mediaType, string body, string? field, HttpStatusCode status)
    {
        var response = await fixture.PostAsync("api/spend", new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Spend_JsonAndCsv_StoredAndInTheKpiCost()
    {
        var month = KpiAppFixture.ThisMonthKey;
        var json = await fixture.PostAsync("api/spend", JsonContent.Create(new
        {
            spend = new object[]
            {
                new { month, channel = "paid_search", amount = 1200.5, currency = "EUR" },
                new { month, campaign = "dec-webinar", amount = 300, currency = "EUR" },
            },
        }));
        var csvBody = "month,channel,campaign,amount,currency\r\n" + string.Join("\r\n",
            $"{month},email,,99.5,EUR", $"{month},social,,100,EUR", $"{month},referral,,0,EUR", $"{month},organic_search,,0,EUR", $"{month},direct,,0,EUR");
        var csv = await fixture.PostAsync("api/spend", new StringContent(csvBody, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var stored = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, stored.GetProperty("stored").GetInt32());
        Assert.Equal("dec-webinar", stored.GetProperty("spend")[1].GetProperty("campaign").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("spend")[1].GetProperty("channel").ValueKind);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(5, (await csv.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored").GetInt32());
        var rows = await fixture.RowsAsync<MarketingSpendEntity>(StorageNames.MarketingSpendTable, month);
        Assert.Equal(
            ["campaign:dec-webinar", "channel:direct", "channel:email", "channel:organic_search", "channel:paid_search", "channel:referral", "channel:social"],
            rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));

        // Totals use the channel rows (campaign rows are a breakdown): 1,200.50 + 99.50 + 100 = 1,400 for the whole month.
        var report = await fixture.KpisWhenAsync(ThisMonthRange, r => r.GetProperty("totals").GetProperty("cost").GetProperty("spend").ValueKind == JsonValueKind.Number, "the month's spend in the KPIs");
        var cost = report.GetProperty("totals").GetProperty("cost");
        Assert.Equal(1400m, cost.GetProperty("spend").GetDecimal());
        Assert.Equal("EUR", cost.GetProperty("currency").GetString());
        Assert.Empty(cost.GetProperty("missingMonths").EnumerateArray());
    }

    [Fact]
    public async Task Kpis_AfterCapturesAndSalesEvents_FunnelOfTheCampaign()
    {
        var campaign = $"kpi-{Guid.NewGuid():N}"[..16];
        await fixture.SeedFunnelAsync(campaign);

        // The rebuild runs on its timer while the events are applied: wait for a rebuild after the last of them.
        int[] expected = [6, 6, 4, 3, 2, 1, 1];
        string[] names = ["leads", "mqls", "sals", "sqls", "opportunities", "won", "lost"];
        var report = await fixture.KpisWhenAsync($"{ThisMonthRange}&groupBy=campaign&period=week", r => Segment(r, campaign) is { } s
            && names.Select(n => s.GetProperty("volumes").GetProperty(n).GetInt32()).SequenceEqual(expected), "the campaign's whole funnel");

        Assert.Equal("campaign", report.GetProperty("groupBy").GetString());
        Assert.Equal("week", report.GetProperty("period").GetString());
        Assert.Equal(KpiAppFixture.PolicyVersion, report.GetProperty("policyVersion").GetString());
        var segment = Segment(report, campaign)!.Value;
        var volumes = segment.GetProperty("volumes");
        Assert.Equal(5000m, volumes.GetProperty("wonAmount").GetDecimal());
        // Later ÷ earlier: Lead→MQL 6/6, MQL→SAL 4/6, SAL→SQL 3/4, MQL→SQL 3/6, SQL→Won 1/3, Lead→Won 1/6.
        Assert.Equal(
            [(6, 6), (4, 6), (3, 4), (3, 6), (1, 3), (1, 6)],
            segment.GetProperty("conversion").EnumerateArray().Select(c => (c.GetProperty("numerator").GetInt32(), c.GetProperty("denominator").GetInt32())));
        Assert.Equal(6, segment.GetProperty("sla").GetProperty("handoffs").GetInt32());
        Assert.NotEmpty(report.GetProperty("series").EnumerateArray());
        Assert.Contains(report.GetProperty("cohorts").EnumerateArray(), c => c.GetProperty("month").GetString() == KpiAppFixture.ThisMonthKey);

        // The same query as CSV: one row for the totals, one per segment, one per week.
        var csv = await fixture.GetAsync($"api/kpis.csv?{ThisMonthRange}&groupBy=campaign&period=week");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        var records = CsvReader.Read(await csv.Content.ReadAsStringAsync());
        Assert.Equal(KpiCsv.Columns, records[0].Cells);
        var row = Assert.Single(records, r => r.Cells[0] == "segment" && r.Cells[2] == campaign);
        Assert.Equal("6", row.Cells[KpiCsvColumn("leads")]);
        Assert.Equal((1.0 / 3).ToString("R", CultureInfo.InvariantCulture)[..6], row.Cells[KpiCsvColumn("sqlToWon")][..6]);
        Assert.Equal(report.GetProperty("series").GetArrayLength(), records.Count(r => r.Cells[0] == "period"));
        Assert.All(records, r => Assert.Equal(KpiCsv.Columns.Count, r.Cells.Count));
    }

    [Fact]
    public async Task LeadsCsv_HostileNamesCaptureAccepts_EveryCellNeutralisedAndParsesBack()
    {
        string[] hostile = ["=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1"];
        var ids = new List<string>();
        foreach (var (value, i) in hostile.Select((v, i) => (v, i)))
        {
            // A web address in a name is spam (never stored), so the names carry the formula without one.
            var name = value.Replace("http://evil", "evil.invalid", StringComparison.Ordinal);
            ids.Add(await fixture.CaptureHandedOffAsync(FunctionAppFixture.UniqueEmail($"hostile{i}"),
                new { firstName = name, lastName = name, company = value, country = value, utm_source = "google", utm_medium = "cpc", utm_campaign = value }));
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var response = await fixture.GetAsync($"api/leads.csv?stage=mql&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"leads-MQL-{today:yyyy-MM-dd}_{today:yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",+", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", text, StringComparison.Ordinal);

        var records = CsvReader.Read(text);
        Assert.Equal(ExportLeads.Columns, records[0].Cells);
        Assert.All(records, r => Assert.Equal(ExportLeads.Columns.Count, r.Cells.Count));
        Assert.All(records.Skip(1), r => Assert.Equal("MQL", r.Cells[Column("Stage")]));
        foreach (var leadId in ids)
        {
            var lead = (await fixture.LeadAsync(leadId))!;
            var row = Assert.Single(records, r => r.Cells[0] == leadId).Cells;
            // What capture stored (it trims the leading tab, leaving "=1+1"), with the one quote that neutralises it.
            foreach (var (column, stored) in new[] { ("FirstName", lead.FirstName), ("LastName", lead.LastName), ("Company", lead.Company), ("Country", lead.Country), ("Campaign", lead.FirstTouchCampaign) })
            {
                Assert.True(CsvWriter.StartsFormula(stored!), $"{column} '{stored}' should be hostile");
                Assert.Equal("'" + stored, row[Column(column)]);
            }

            Assert.Equal(lead.Email, row[Column("Email")]);
            Assert.Equal(lead.Score.ToString(CultureInfo.InvariantCulture), row[Column("Score")]);
            Assert.Equal(lead.FirstSeenAt.UtcDateTime.ToString(CsvWriter.TimeFormat, CultureInfo.InvariantCulture), row[Column("FirstSeenAt")]);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", row[Column("StageEnteredAt")]);
        }
    }

    [Fact]
    public async Task Dashboard_WithKey_SelfContainedPageUnderStrictCsp()
    {
        var response = await fixture.Host.Client.GetAsync($"api/dashboard?code={Uri.EscapeDataString(fixture.Host.FunctionKey)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Host.FunctionKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", html, StringComparison.Ordinal);
        // A fresh nonce per response.
        var again = await fixture.GetAsync("api/dashboard");
        Assert.NotEqual(csp, string.Join(" ", again.Headers.GetValues("Content-Security-Policy")));
    }

    private static int Column(string name) => ExportLeads.Columns.ToList().IndexOf(name);

    private static int KpiCsvColumn(string name) => KpiCsv.Columns.ToList().IndexOf(name);

    private static JsonElement? Segment(JsonElement report, string value) =>
        report.GetProperty("segments").EnumerateArray().Where(s => s.GetProperty("value").GetString() == value).Select(s => (JsonElement?)s).FirstOrDefault();
}
