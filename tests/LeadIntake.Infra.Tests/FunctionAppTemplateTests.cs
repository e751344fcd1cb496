using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LeadIntake.Functions.Hosting;
using LeadIntake.Testing;

namespace LeadIntake.Infra.Tests;

/// <summary>The function app in the compiled template: Flex Consumption, the runtime, its settings, transport and sign-in.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledTemplate template)
{
    private JsonObject Site => template.Single("Microsoft.Web/sites");

    private IReadOnlyDictionary<string, string> Settings =>
        ArmSettings.Read((string)Site["properties"]!["siteConfig"]!["appSettings"]!);

    [Fact]
    public void Site_Runtime_IsDotnetIsolated10OnLinuxFlexConsumption()
    {
        var config = Site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("functionapp,linux", (string?)Site["kind"]);
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)config["scaleAndConcurrency"]!["instanceMemoryMB"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)config["scaleAndConcurrency"]!["maximumInstanceCount"]);

        var plan = template.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
    }

    [Fact]
    public void Site_DeploymentStorage_IsTheContainerReadAsTheUserAssignedIdentity()
    {
        var storage = Site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("[format('{0}{1}', parameters('blobEndpoint'), parameters('deploymentContainerName'))]", (string?)storage["value"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal("app-package", (string?)template.Root["variables"]!["deploymentContainerName"]);
        Assert.Equal("[variables('deploymentContainerName')]", template.ModuleParameter("storage", "deploymentContainerName"));
        Assert.Equal("[variables('deploymentContainerName')]", template.ModuleParameter("functionapp", "deploymentContainerName"));
    }

    [Fact]
    public void Settings_Storage_AreIdentityBasedOnly()
    {
        var storage = Settings.Where(s => s.Key.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => s.Value);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["AzureWebJobsStorage__blobServiceUri"] = "parameters('blobEndpoint')",
                ["AzureWebJobsStorage__queueServiceUri"] = "parameters('queueEndpoint')",
                ["AzureWebJobsStorage__tableServiceUri"] = "parameters('tableEndpoint')",
                ["AzureWebJobsStorage__credential"] = "'managedidentity'",
                ["AzureWebJobsStorage__clientId"] = "parameters('identityClientId')",
            },
            storage);
        // The endpoints are the storage module's, and the client id the user-assigned identity's.
        Assert.Equal("[reference('storage').outputs.blobEndpoint.value]", template.ModuleParameter("functionapp", "blobEndpoint"));
        Assert.Equal("[reference('storage').outputs.queueEndpoint.value]", template.ModuleParameter("functionapp", "queueEndpoint"));
        Assert.Equal("[reference('storage').outputs.tableEndpoint.value]", template.ModuleParameter("functionapp", "tableEndpoint"));
        Assert.Equal("[reference('identity').clientId]", template.ModuleParameter("functionapp", "identityClientId"));
    }

    [Fact]
    public void Settings_Required_AreAllSet()
    {
        Assert.Equal(
            [
                "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "APPLICATIONINSIGHTS_CONNECTION_STRING",
                "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__credential",
                "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
                "FunnelRebuildSchedule", "LeadCaptureOptions__IdentitySecret",
                "SlaCheckSchedule",
            ],
            Settings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("parameters('slaCheckSchedule')", Settings["SlaCheckSchedule"]);
        Assert.Equal("parameters('funnelRebuildSchedule')", Settings["FunnelRebuildSchedule"]);
        Assert.Equal("format('ClientId={0};Authorization=AAD', parameters('identityClientId'))", Settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void Settings_Secrets_AreKeyVaultReferencesReadAsTheUserAssignedIdentity()
    {
        var references = (string)template.Module("functionapp")["variables"]!["keyVaultReference"]!;

        Assert.Contains("format('@Microsoft.KeyVault(SecretUri={0}secrets/{1}/)', parameters('vaultUri'), lambdaVariables('name'))", references);
        Assert.Equal("variables('keyVaultReference')[0]", Settings["LeadCaptureOptions__IdentitySecret"]);
        // The webhook settings exist only when it is switched on.
        var webhook = (string)template.Module("functionapp")["variables"]!["webhookSettings"]!;
        Assert.StartsWith("[if(parameters('handoffWebhookEnabled'), createArray(", webhook);
        Assert.EndsWith(", createArray())]", webhook);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Handoff__WebhookUrl"] = "variables('keyVaultReference')[1]",
                ["Handoff__WebhookSecret"] = "variables('keyVaultReference')[2]",
            },
            ArmSettings.Read(webhook));
        Assert.Equal("[variables('identitySecretName')]", template.ModuleParameter("functionapp", "identitySecretName"));
        Assert.Equal("[variables('identitySecretName')]", template.ModuleParameter("keyvault", "identitySecretName"));
        Assert.Equal("lead-identity-secret", (string?)template.Root["variables"]!["identitySecretName"]);

        Assert.Equal("[parameters('identityId')]", (string?)Site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Equal("UserAssigned", (string?)Site["identity"]!["type"]);
        Assert.Equal("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', format('{0}-id-{1}', parameters('name'), variables('token')))]",
            template.ModuleParameter("functionapp", "identityId"));
    }

    [Fact]
    public void Settings_AllowedOrigins_AreNumberedFromTheArrayParameter()
    {
        var copy = template.Module("functionapp")["variables"]!["copy"]!.AsArray().Single()!;

        Assert.Equal("originSettings", (string?)copy["name"]);
        Assert.Equal("[length(parameters('allowedOrigins'))]", (string?)copy["count"]);
        Assert.Equal("[format('LeadCaptureOptions__AllowedOrigins__{0}', copyIndex('originSettings'))]", (string?)copy["input"]!["name"]);
        Assert.Equal("[parameters('allowedOrigins')[copyIndex('originSettings')]]", (string?)copy["input"]!["value"]);
        Assert.EndsWith(", variables('webhookSettings'), variables('originSettings'))]", (string)Site["properties"]!["siteConfig"]!["appSettings"]!);
    }

    [Fact]
    public void Site_Transport_IsHttpsOnlyTls12WithoutFtp()
    {
        var properties = Site["properties"]!;
        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("1.2", (string?)properties["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("1.2", (string?)properties["siteConfig"]!["scmMinTlsVersion"]);
        Assert.Equal("Disabled", (string?)properties["siteConfig"]!["ftpsState"]);

        var ftp = template.Single("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal("[format('{0}/{1}', parameters('functionAppName'), 'ftp')]", (string?)ftp["name"]);
        Assert.False((bool)ftp["properties"]!["allow"]!);
    }

    [Fact]
    public void Site_PlatformCors_IsEmptySoTheAppAnswersPerForm()
    {
        var cors = Site["properties"]!["siteConfig"]!["cors"]!;

        Assert.Empty(cors["allowedOrigins"]!.AsArray());
        Assert.False((bool)cors["supportCredentials"]!);
    }

    [Fact]
    public void SignIn_WhenClientIdGiven_ProtectsBrowserRoutesAndExcludesCaptureAndKeyRoutes()
    {
        var auth = template.Single("Microsoft.Web/sites/config");
        Assert.Equal("[format('{0}/{1}', parameters('functionAppName'), 'authsettingsV2')]", (string?)auth["name"]);
        Assert.Equal("[not(empty(parameters('dashboardSignInClientId')))]", (string?)auth["condition"]);
        Assert.Equal("", (string?)template.Default("dashboardSignInClientId"));   // off unless asked for

        var validation = auth["properties"]!["globalValidation"]!;
        Assert.True((bool)validation["requireAuthentication"]!);
        Assert.Equal("RedirectToLoginPage", (string?)validation["unauthenticatedClientAction"]);
        Assert.Equal("[variables('signInExcludedPaths')]", (string?)validation["excludedPaths"]);
        var excluded = template.Module("functionapp")["variables"]!["signInExcludedPaths"]!.AsArray().Select(p => (string)p!).ToList();

        // Capture and the landing-page helpers (anonymous) and the key routes stay reachable without sign-in.
        foreach (var open in new[] { "/api/leads", "/api/leads/export", "/api/leads/ld_x/sales-events", "/api/forms/default/token",
                     "/api/snippet.js", "/api/demo", "/api/thanks", "/api/activities", "/api/spend", "/admin/functions" })
            Assert.True(IsExcluded(excluded, open), $"{open} would need sign-in");
        // The pages a person opens in a browser need it.
        foreach (var signedIn in new[] { "/api/dashboard", "/api/kpis", "/api/kpis/plan", "/api/kpis.csv", "/api/leads.csv", "/" })
            Assert.False(IsExcluded(excluded, signedIn), $"{signedIn} would be open without sign-in");

        var registration = auth["properties"]!["identityProviders"]!["azureActiveDirectory"]!["registration"]!;
        Assert.Equal("[parameters('dashboardSignInClientId')]", (string?)registration["clientId"]);
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, tenant().tenantId)]", (string?)registration["openIdIssuer"]);
    }

    [Fact]
    public void SignIn_EveryHttpRouteOfTheBuiltApp_NeedsSignInOnlyWhenAPersonReadsItInABrowser()
    {
        var excluded = template.Module("functionapp")["variables"]!["signInExcludedPaths"]!.AsArray().Select(p => (string)p!).ToList();
        string[] read = [FunctionNames.Dashboard, FunctionNames.QueryKpis, FunctionNames.PlanMarketing, FunctionNames.ExportKpis, FunctionNames.ExportLeads];
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(LocalFunctionsHost.BuildOutput("functions/LeadIntake.Functions"), "functions.metadata")));
        var routes = metadata.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
                .Select(binding => (Name: function.GetProperty("name").GetString()!, Route: binding.GetProperty("route").GetString()!)))
            .ToList();

        Assert.Equal(read.Length, routes.Count(r => read.Contains(r.Name)));
        // A new route is excluded from sign-in (capture, landing pages, machine callers with keys) unless it is one a person reads.
        foreach (var (name, route) in routes)
        {
            var path = "/api/" + Regex.Replace(route, @"\{[^}]+\}", "x");
            Assert.True(IsExcluded(excluded, path) != read.Contains(name), $"{name} ({path}): {(read.Contains(name) ? "open without sign-in" : "would need sign-in")}");
        }
    }

    // App Service Authentication: an excluded path matches exactly, or as a prefix when it ends in "/*".
    private static bool IsExcluded(IEnumerable<string> excluded, string path) =>
        excluded.Any(e => e.EndsWith("/*", StringComparison.Ordinal)
            ? path.StartsWith(e[..^1], StringComparison.Ordinal)
            : path == e);
}
