using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// Headless Chromium opens the KPI dashboard on a fixture with spend and a funnel written through the app's real paths:
/// the charts draw with data, the cohort table has rows, the calculator computes, and the page logs no error and loses
/// no request. A screenshot is saved in the test results directory.
/// </summary>
[Collection(KpiCollection.Name)]
public sealed class DashboardBrowserTests(KpiAppFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : HeadlessChromiumTest
{
    [Fact]
    public async Task Dashboard_WithSpendAndFunnel_ChartsTablesAndCalculatorWithoutErrors()
    {
        var campaign = $"dash-{Guid.NewGuid():N}"[..16];
        var month = KpiAppFixture.ThisMonthKey;
        var spend = await fixture.PostAsync("api/spend", JsonContent.Create(new
        {
            spend = new object[]
            {
                new { month, channel = "paid_search", amount = 2500, currency = "EUR" },
                new { month, channel = "email", amount = 400, currency = "EUR" },
                new { month, campaign, amount = 1000, currency = "EUR" },
            },
        }));
        Assert.Equal(HttpStatusCode.OK, spend.StatusCode);
        await fixture.SeedFunnelAsync(campaign);
        var (from, to) = KpiAppFixture.ThisMonth;
        var range = $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        await fixture.KpisWhenAsync($"{range}&groupBy=campaign", r => r.GetProperty("segments").EnumerateArray()
            .Any(s => s.GetProperty("value").GetString() == campaign && s.GetProperty("volumes").GetProperty("won").GetInt32() == 1
                && s.GetProperty("volumes").GetProperty("sqls").GetInt32() == 3 && s.GetProperty("volumes").GetProperty("sals").GetInt32() == 4), "the seeded funnel in the KPIs");

        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "en-US" });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        var failed = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                console.Add($"{message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => console.Add("page error: " + error);
        page.RequestFailed += (_, request) => failed.Add($"{request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                failed.Add($"{response.Url}: {response.Status}");
        };

        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, $"api/dashboard?code={Uri.EscapeDataString(fixture.Host.FunctionKey)}&{range}&groupBy=channel").AbsoluteUri);
        await page.Locator("#status", new PageLocatorOptions { HasTextString = "as of" }).WaitForAsync();
        await page.Locator("#plan-steps li").First.WaitForAsync();

        // The funnel, the series and the segments drew bars for the data; the calibration chart at least its frame.
        Assert.True(await page.Locator("#funnel rect").CountAsync() >= 6);
        Assert.True(await page.Locator("#funnel rect[width]:not([width='0'])").CountAsync() >= 5);
        Assert.True(await page.Locator("#series rect").CountAsync() >= 2);
        Assert.True(await page.Locator("#segments rect").CountAsync() >= 4 * 4);
        Assert.Contains("Lead→MQL", await page.Locator("#funnel").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#cohorts tbody tr td.maturing").CountAsync() >= 1, "this month's cohort is still maturing");
        Assert.Contains(await page.Locator("#segment-table tbody tr td:first-child").AllTextContentsAsync(), v => v == "paid_search");
        Assert.Contains(await page.Locator("#cost tbody tr td:first-child").AllTextContentsAsync(), v => v == "paid_search");
        Assert.Contains("€", await page.Locator("#cost").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#owners tbody tr").CountAsync() >= 1);

        // The calculator: the default inputs were computed on load; a new goal computes again, with the arithmetic spelled out.
        var before = await page.Locator("#plan-steps").TextContentAsync();
        await page.FillAsync("#revenueGoal", "2400000");
        await page.FillAsync("#mqlToSql", "50");
        await page.ClickAsync("#plan-submit");
        await page.Locator("#plan-steps li", new PageLocatorOptions { HasTextString = "2,400,000" }).First.WaitForAsync();
        var steps = await page.Locator("#plan-steps li").AllTextContentsAsync();
        Assert.NotEqual(before, string.Join("", steps));
        Assert.Contains(steps, s => s.Contains("40.0", StringComparison.Ordinal));
        Assert.Contains("(given)", await page.Locator("#plan-table").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("", await page.Locator("#plan-problem").TextContentAsync());
        Assert.Equal("", await page.Locator("#problem").TextContentAsync());

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Dashboard screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        Assert.Empty(console);
        Assert.Empty(failed);
    }
}
