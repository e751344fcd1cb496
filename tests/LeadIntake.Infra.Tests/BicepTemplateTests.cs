using System.Text.Json.Nodes;
using NCrontab;

namespace LeadIntake.Infra.Tests;

/// <summary><c>infra/main.bicep</c> compiles and lints clean, and its parameters and outputs are what deploy.sh expects.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class BicepTemplateTests(CompiledTemplate template)
{
    [Fact]
    public void Build_MainTemplate_WritesNoDiagnostics()
    {
        Assert.Equal(0, template.Build.ExitCode);
        Assert.Equal("", template.Build.Error.Trim());
    }

    [Theory]
    [InlineData("main.bicep")]        // and every module it uses: lint reports their diagnostics too
    [InlineData("main.bicepparam")]
    public void Lint_File_ReportsNoWarningOrError(string file)
    {
        // The linter's default rules; bicep lint exits 0 on warnings, so its output must be empty.
        var lint = BicepCli.Run("lint", CompiledTemplate.InfraPath(file));

        Assert.Equal(0, lint.ExitCode);
        Assert.Equal("", (lint.Output + lint.Error).Trim());
    }

    [Fact]
    public void BuildParams_ParameterFile_SetsTheProductionDefaults()
    {
        var output = Path.Combine(Path.GetTempPath(), $"leadintake-params-{Guid.NewGuid():N}.json");
        try
        {
            var build = BicepCli.Run("build-params", CompiledTemplate.InfraPath("main.bicepparam"), "--outfile", output);
            Assert.Equal(0, build.ExitCode);
            Assert.Equal("", build.Error.Trim());

            var parameters = JsonNode.Parse(File.ReadAllText(output))!["parameters"]!;
            Assert.Equal("0 * * * * *", (string?)parameters["slaCheckSchedule"]!["value"]);
            Assert.Equal("0 */10 * * * *", (string?)parameters["funnelRebuildSchedule"]!["value"]);
            Assert.Equal(2048, (int?)parameters["instanceMemoryMB"]!["value"]);
            Assert.Equal(100, (int?)parameters["maximumInstanceCount"]!["value"]);
            Assert.Equal("", (string?)parameters["identitySecretValue"]!["value"]);   // only from deploy.sh's environment
            Assert.Equal("", (string?)parameters["handoffWebhookUrl"]!["value"]);
            Assert.False((bool?)parameters["handoffWebhookEnabled"]!["value"]);
            Assert.Equal("leadintake", (string?)parameters["name"]!["value"]);
            Assert.Empty(parameters["allowedOrigins"]!["value"]!.AsArray());
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void BuildParams_EnvironmentOfDeployScript_OverridesTheDefaults()
    {
        // The variables infra/deploy.sh exports from its options.
        var environment = new Dictionary<string, string>
        {
            ["LEADINTAKE_NAME"] = "contoso-leads",
            ["LEADINTAKE_ALLOWED_ORIGINS"] = "[\"https://www.contoso.com\",\"https://lp.contoso.com\"]",
            ["LEADINTAKE_INSTANCE_MEMORY_MB"] = "4096",
            ["LEADINTAKE_HANDOFF_WEBHOOK_ENABLED"] = "true",
            ["LEADINTAKE_IDENTITY_SECRET"] = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=",
            ["LEADINTAKE_DASHBOARD_SIGN_IN_CLIENT_ID"] = "11111111-2222-3333-4444-555555555555",
        };
        var output = Path.Combine(Path.GetTempPath(), $"leadintake-params-{Guid.NewGuid():N}.json");
        try
        {
            var build = BicepCli.RunWith(environment, "build-params", CompiledTemplate.InfraPath("main.bicepparam"), "--outfile", output);
            Assert.Equal("", build.Error.Trim());

            var parameters = JsonNode.Parse(File.ReadAllText(output))!["parameters"]!;
            Assert.Equal("contoso-leads", (string?)parameters["name"]!["value"]);
            Assert.Equal(["https://www.contoso.com", "https://lp.contoso.com"], parameters["allowedOrigins"]!["value"]!.AsArray().Select(o => (string)o!));
            Assert.Equal(4096, (int?)parameters["instanceMemoryMB"]!["value"]);
            Assert.True((bool?)parameters["handoffWebhookEnabled"]!["value"]);
            Assert.Equal("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=", (string?)parameters["identitySecretValue"]!["value"]);
            Assert.Equal("11111111-2222-3333-4444-555555555555", (string?)parameters["dashboardSignInClientId"]!["value"]);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("slaCheckSchedule", "0 * * * * *", 60)]          // every minute, on the minute
    [InlineData("funnelRebuildSchedule", "0 */10 * * * *", 600)] // every 10 minutes
    public void Schedules_Defaults_AreSixFieldNcrontabAtTheirInterval(string parameter, string expected, int seconds)
    {
        var value = (string)template.Default(parameter)!;
        Assert.Equal(expected, value);

        // The host reads them with seconds first (as the local host does, with NCrontab).
        var schedule = CrontabSchedule.Parse(value, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var first = schedule.GetNextOccurrence(new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc));
        Assert.Equal(TimeSpan.FromSeconds(seconds), schedule.GetNextOccurrence(first) - first);
    }

    [Fact]
    public void FlexScale_Parameters_HaveTheFlexConsumptionRanges()
    {
        var memory = template.Root["parameters"]!["instanceMemoryMB"]!;
        Assert.Equal([512, 2048, 4096], memory["allowedValues"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(2048, (int)memory["defaultValue"]!);

        var instances = template.Root["parameters"]!["maximumInstanceCount"]!;
        Assert.Equal(40, (int)instances["minValue"]!);
        Assert.Equal(1000, (int)instances["maxValue"]!);
    }

    [Fact]
    public void Outputs_Names_CarryNoSecretOrKey()
    {
        var outputs = template.Root["outputs"]!.AsObject().Select(o => o.Key).Order();

        Assert.Equal(
            ["appUrl", "functionAppName", "identityClientId", "identitySecretName", "keyVaultName", "storageAccountName"],
            outputs);
        foreach (var output in template.Root["outputs"]!.AsObject())
            Assert.DoesNotContain("Secret')", output.Value!["value"]!.ToString());
    }

    [Theory]
    [InlineData("identitySecretValue")]
    [InlineData("handoffWebhookUrl")]
    [InlineData("handoffWebhookSecret")]
    public void SecretParameters_Type_IsSecureStringWithEmptyDefault(string parameter)
    {
        var declared = template.Root["parameters"]![parameter]!;

        Assert.Equal("securestring", (string?)declared["type"]);
        Assert.Equal("", (string?)declared["defaultValue"]);
    }

    [Fact]
    public void Template_Anywhere_HasNoStorageKeyOrConnectionString()
    {
        // The only connection string is Application Insights' (an ingestion endpoint, sent with an Entra token).
        var text = template.Text
            .Replace("APPLICATIONINSIGHTS_CONNECTION_STRING", "", StringComparison.Ordinal)
            .Replace("reference('appInsights').ConnectionString", "", StringComparison.Ordinal);

        foreach (var forbidden in new[] { "listKeys", "AccountKey", "DefaultEndpointsProtocol", "connectionString", "SharedAccessSignature", "listAccountSas" })
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
    }
}
