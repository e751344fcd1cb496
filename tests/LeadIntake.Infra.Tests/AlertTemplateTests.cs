using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadIntake.Application.Sla;

namespace LeadIntake.Infra.Tests;

/// <summary>The three log alerts: their queries find the log lines the host and the app really write.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class AlertTemplateTests(CompiledTemplate template)
{
    // The Functions host's line when it moves a message (Azure/azure-webjobs-sdk, QueueProcessor.CopyMessageToPoisonQueueAsync).
    private const string HostPoisonLine = "Message has reached MaxDequeueCount of 5. Moving message to queue 'lead-captured-poison'.";

    private JsonObject Alert(string suffix) =>
        template.Resources("Microsoft.Insights/scheduledQueryRules").Single(r => (string?)r.Resource["name"] == $"[format('{{0}}{suffix}', parameters('namePrefix'))]").Resource;

    // The query's text: the alerts module keeps each query in a variable, so the criterion names it.
    private string Query(JsonNode criterion, string variable)
    {
        Assert.Equal($"[variables('{variable}')]", (string?)criterion["query"]);
        return (string)template.Module("alerts")["variables"]![variable]!;
    }

    private static JsonNode Criterion(JsonObject alert) => alert["properties"]!["criteria"]!["allOf"]!.AsArray().Single()!;

    [Fact]
    public void Alerts_All_QueryApplicationInsightsAndNotifyTheActionGroup()
    {
        var alerts = template.Resources("Microsoft.Insights/scheduledQueryRules");

        Assert.Equal(
            ["[format('{0}-http-5xx', parameters('namePrefix'))]", "[format('{0}-poison-message', parameters('namePrefix'))]", "[format('{0}-sla-breaches', parameters('namePrefix'))]"],
            alerts.Select(a => (string)a.Resource["name"]!).Order());
        foreach (var (_, alert) in alerts)
        {
            Assert.Equal(["[parameters('appInsightsId')]"], alert["properties"]!["scopes"]!.AsArray().Select(s => (string)s!));
            Assert.Equal(["[resourceId('Microsoft.Insights/actionGroups', format('{0}-alerts', parameters('namePrefix')))]"],
                alert["properties"]!["actions"]!["actionGroups"]!.AsArray().Select(s => (string)s!));
        }

        Assert.Equal("[reference('monitoring').outputs.appInsightsId.value]", template.ModuleParameter("alerts", "appInsightsId"));
        var email = (string)template.Single("Microsoft.Insights/actionGroups")["properties"]!["emailReceivers"]!;
        Assert.Contains("'emailAddress', parameters('alertEmail')", email);
    }

    [Fact]
    public void PoisonAlert_Query_MatchesTheHostsMoveLinePerQueue()
    {
        var criterion = Criterion(Alert("-poison-message"));
        var query = Query(criterion, "poisonQuery");

        // The query's filter and extract, applied to the host's line (RE2 and .NET agree on these patterns).
        var filter = Regex.Match(query, "matches regex @\"(?<p>[^\"]+)\"").Groups["p"].Value;
        var extract = Regex.Match(query, "extract\\(@\"(?<p>[^\"]+)\", 1").Groups["p"].Value;
        Assert.Contains("message has \"Moving message to queue\"", query);
        Assert.Matches(filter, HostPoisonLine);
        Assert.DoesNotMatch(filter, "Moving message to queue 'lead-captured'.");
        Assert.Equal("lead-captured-poison", Regex.Match(HostPoisonLine, extract).Groups[1].Value);

        Assert.Equal("moved", (string?)criterion["metricMeasureColumn"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int)criterion["threshold"]!);
        Assert.Equal("queue", (string?)criterion["dimensions"]!.AsArray().Single()!["name"]);
        Assert.Equal("PT5M", (string?)Alert("-poison-message")["properties"]!["evaluationFrequency"]);
    }

    [Fact]
    public void SlaAlert_Query_CountsTheBreachesSlaCheckLogs()
    {
        var criterion = Criterion(Alert("-sla-breaches"));
        var query = Query(criterion, "slaQuery");
        var line = new SlaCheckResult(RowsRead: 50, Breaches: 7, HandoffsSent: 0, StageChanges: 1, Stale: 2).ToString();

        var prefix = Regex.Match(query, "startswith \"(?<p>[^\"]+)\"").Groups["p"].Value;
        var extract = Regex.Match(query, "extract\\(@\"(?<p>[^\"]+)\", 1").Groups["p"].Value;
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        Assert.Equal("7", Regex.Match(line, extract).Groups[1].Value);

        Assert.Equal("breaches", (string?)criterion["metricMeasureColumn"]);
        Assert.Equal("Total", (string?)criterion["timeAggregation"]);
        Assert.Equal("[parameters('slaBreachesPerHour')]", (string?)criterion["threshold"]);
        Assert.Equal("PT1H", (string?)Alert("-sla-breaches")["properties"]!["windowSize"]);
        Assert.Equal(5, (int)template.Default("slaBreachesPerHour")!);
    }

    [Fact]
    public void Http5xxAlert_Query_IsTheShareOfRequestsAnswered5xx()
    {
        var criterion = Criterion(Alert("-http-5xx"));
        var query = Query(criterion, "http5xxQuery");

        Assert.Contains("countif(toint(resultCode) >= 500)", query);
        Assert.Contains("| where failed >= {0}", query);
        Assert.Contains("extend percent = 100.0 * failed / total", query);
        Assert.EndsWith(", parameters('http5xxMinimumCount'))]", query);
        Assert.Equal("percent", (string?)criterion["metricMeasureColumn"]);
        Assert.Equal("[parameters('http5xxPercent')]", (string?)criterion["threshold"]);
        Assert.Equal(5, (int)template.Default("http5xxPercent")!);
        Assert.Equal("PT15M", (string?)Alert("-http-5xx")["properties"]!["windowSize"]);
    }
}
