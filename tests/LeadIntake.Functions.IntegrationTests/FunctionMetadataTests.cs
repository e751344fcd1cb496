using System.Text.Json;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The <c>functions.metadata</c> the worker SDK wrote at build time agrees with the names in code and with host.json.</summary>
public sealed class FunctionMetadataTests
{
    private static readonly JsonElement[] s_functions = ReadMetadata();

    [Theory]
    [InlineData(FunctionNames.CaptureLead, FunctionNames.CaptureLeadRoute, "post")]
    [InlineData(FunctionNames.DemoPage, FunctionNames.DemoPageRoute, "get")]
    [InlineData(FunctionNames.ThankYouPage, FunctionNames.ThankYouPageRoute, "get")]
    [InlineData(FunctionNames.CaptureLeadPreflight, FunctionNames.CaptureLeadRoute, "options")]
    [InlineData(FunctionNames.FormToken, FunctionNames.FormTokenRoute, "get")]
    [InlineData(FunctionNames.Snippet, FunctionNames.SnippetRoute, "get")]
    public void HttpFunction_Metadata_AnonymousRouteAndMethodAsInFunctionNames(string name, string route, string method)
    {
        var trigger = Trigger(name, "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData(FunctionNames.RecordActivities, FunctionNames.ActivitiesRoute)]
    [InlineData(FunctionNames.RecordSalesEvent, FunctionNames.SalesEventsRoute)]
    [InlineData(FunctionNames.RecordSpend, FunctionNames.SpendRoute)]
    [InlineData(FunctionNames.QueryKpis, FunctionNames.KpisRoute, "get")]
    [InlineData(FunctionNames.PlanMarketing, FunctionNames.KpiPlanRoute, "get")]
    [InlineData(FunctionNames.ExportKpis, FunctionNames.KpisCsvRoute, "get")]
    [InlineData(FunctionNames.ExportLeads, FunctionNames.LeadsCsvRoute, "get")]
    [InlineData(FunctionNames.Dashboard, FunctionNames.DashboardRoute, "get")]
    public void KeyedHttpFunction_Metadata_FunctionLevelRouteAndMethod(string name, string route, string method = "post")
    {
        var trigger = Trigger(name, "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData(FunctionNames.EraseLead, FunctionNames.CaptureLeadRoute, "delete")]
    [InlineData(FunctionNames.ExportPersonalData, FunctionNames.PersonalDataExportRoute, "get")]
    public void AdminHttpFunction_Metadata_AdminLevelRouteAndMethod(string name, string route, string method)
    {
        var trigger = Trigger(name, "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Admin", trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData(FunctionNames.ProcessLead, StorageNames.LeadCapturedQueue)]
    [InlineData(FunctionNames.ProcessActivity, StorageNames.LeadActivityQueue)]
    public void QueueFunction_Metadata_TriggeredByItsQueueOnTheHostsConnection(string name, string queue)
    {
        var trigger = Trigger(name, "queueTrigger");

        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal(StorageNames.Connection, trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void SlaCheck_Metadata_TimerOnTheScheduleSetting()
    {
        Assert.Equal($"%{FunctionNames.SlaCheckScheduleSetting}%", Trigger(FunctionNames.SlaCheck, "timerTrigger").GetProperty("schedule").GetString());
    }

    [Fact]
    public void RebuildFunnel_Metadata_TimerOnTheScheduleSetting()
    {
        Assert.Equal($"%{FunctionNames.FunnelRebuildScheduleSetting}%", Trigger(FunctionNames.RebuildFunnel, "timerTrigger").GetProperty("schedule").GetString());
    }

    [Fact]
    public void DeliverHandoffWebhook_Metadata_TriggeredByHandoffWebhookOnTheHostsConnection()
    {
        var trigger = Trigger(FunctionNames.DeliverHandoffWebhook, "queueTrigger");

        Assert.Equal(StorageNames.HandoffWebhookQueue, trigger.GetProperty("queueName").GetString());
        Assert.Equal(StorageNames.Connection, trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void SweepSalesHandoffs_Metadata_TimerOnTheSchedule()
    {
        Assert.Equal(FunctionNames.SweepSalesHandoffsSchedule, Trigger(FunctionNames.SweepSalesHandoffs, "timerTrigger").GetProperty("schedule").GetString());
    }

    [Fact]
    public void Metadata_EveryFunction_IsOneOfFunctionNames()
    {
        string[] known =
        [
            FunctionNames.CaptureLead, FunctionNames.DemoPage, FunctionNames.ThankYouPage, FunctionNames.ProcessLead, FunctionNames.SweepSalesHandoffs,
            FunctionNames.RecordActivities, FunctionNames.ProcessActivity, FunctionNames.RecordSalesEvent, FunctionNames.SlaCheck,
            FunctionNames.DeliverHandoffWebhook, FunctionNames.RecordSpend, FunctionNames.QueryKpis, FunctionNames.PlanMarketing,
            FunctionNames.ExportKpis, FunctionNames.ExportLeads, FunctionNames.Dashboard, FunctionNames.RebuildFunnel,
            FunctionNames.EraseLead, FunctionNames.ExportPersonalData, FunctionNames.CaptureLeadPreflight, FunctionNames.FormToken,
            FunctionNames.Snippet,
        ];

        Assert.Equal(known.Order(), s_functions.Select(f => f.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public void HostJson_RoutePrefixAndQueueSettings_AsTheCodeAndReadmeSay()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionAppFixture.AppOutput, "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");

        Assert.Equal(FunctionNames.RoutePrefix, extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        var queues = extensions.GetProperty("queues");
        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.Equal(File.ReadAllText(RepositoryPaths.HostJson), File.ReadAllText(Path.Combine(FunctionAppFixture.AppOutput, "host.json")));
    }

    private static JsonElement Trigger(string function, string type)
    {
        var metadata = Assert.Single(s_functions, f => f.GetProperty("name").GetString() == function);
        return Assert.Single(metadata.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == type);
    }

    private static JsonElement[] ReadMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionAppFixture.AppOutput, "functions.metadata")));
        return [.. document.RootElement.EnumerateArray().Select(f => f.Clone())];
    }
}
