using System.Text.Json.Nodes;

namespace LeadIntake.Infra.Tests;

/// <summary>Storage without keys, Key Vault on RBAC, and every role assignment: which role, to whom, on what.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class IdentityAndStorageTemplateTests(CompiledTemplate template)
{
    // Built-in role ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void StorageAccount_Properties_RefuseKeysPublicBlobsAndOldTls()
    {
        var properties = template.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
        Assert.Equal("None", (string?)template.Single("Microsoft.Storage/storageAccounts/blobServices/containers")["properties"]!["publicAccess"]);
    }

    [Fact]
    public void RoleAssignments_All_AreTheFiveDataRolesOfTheAppIdentityOnTheirResource()
    {
        var assignments = template.Resources("Microsoft.Authorization/roleAssignments");

        // module → (scope, role ids): nothing at resource group or subscription scope.
        Assert.Equal(
            [
                ("keyvault", "[resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))]", KeyVaultSecretsUser),
                ("monitoring", "[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]", MonitoringMetricsPublisher),
                ("storage", "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", "variables('storageRoles')[copyIndex()].id"),
            ],
            assignments.Select(a => (a.Module, (string)a.Resource["scope"]!, RoleId(a.Module, a.Resource))).Order());
        foreach (var (_, assignment) in assignments)
            Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);

        Assert.Equal("[reference('identity').principalId]", template.ModuleParameter("storage", "appPrincipalId"));
        Assert.Equal("[reference('identity').principalId]", template.ModuleParameter("keyvault", "readerPrincipalId"));
        Assert.Equal("[reference('identity').principalId]", template.ModuleParameter("monitoring", "publisherPrincipalId"));
    }

    [Fact]
    public void StorageRoles_Loop_IsBlobOwnerQueueAndTableContributor()
    {
        var storage = template.Module("storage");
        var roles = storage["variables"]!["storageRoles"]!.AsArray().Select(r => (string)r!["id"]!).Order();
        var loop = template.Resources("Microsoft.Authorization/roleAssignments").Single(a => a.Module == "storage").Resource;

        Assert.Equal(new[] { BlobDataOwner, QueueDataContributor, TableDataContributor }.Order(), roles);
        Assert.Equal("[length(variables('storageRoles'))]", (string?)loop["copy"]!["count"]);
    }

    [Fact]
    public void KeyVault_Properties_UseRbacAndKeepDeletedSecrets()
    {
        var properties = template.Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.True((bool)properties["enableSoftDelete"]!);
        Assert.True((bool)properties["enablePurgeProtection"]!);
    }

    [Fact]
    public void KeyVaultSecrets_Values_AreWrittenOnlyWhenGiven()
    {
        var secrets = template.Resources("Microsoft.KeyVault/vaults/secrets").Select(s => s.Resource).ToList();

        Assert.Equal(
            [
                "[not(empty(parameters('identitySecretValue')))]",
                "[not(empty(parameters('webhookKeyValue')))]",
                "[not(empty(parameters('webhookUrlValue')))]",
            ],
            secrets.Select(s => (string)s["condition"]!).Order());
        Assert.Equal("[parameters('identitySecretValue')]", template.ModuleParameter("keyvault", "identitySecretValue"));
    }

    [Fact]
    public void AppInsights_LocalAuth_IsOffOnAWorkspace()
    {
        var properties = template.Single("Microsoft.Insights/components")["properties"]!;

        Assert.True((bool)properties["DisableLocalAuth"]!);
        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]", (string?)properties["WorkspaceResourceId"]);
    }

    // The role id a built-in role definition names: a variables('x') of the module is looked up; the storage loop's
    // per-role expression stays as it is (its ids are checked in StorageRoles_Loop_IsBlobOwnerQueueAndTableContributor).
    private string RoleId(string module, JsonObject assignment)
    {
        var definition = (string)assignment["properties"]!["roleDefinitionId"]!;
        const string prefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ";
        Assert.StartsWith(prefix, definition);
        var id = definition[prefix.Length..^2];
        var variable = System.Text.RegularExpressions.Regex.Match(id, @"^variables\('(?<name>[A-Za-z]+)'\)$");
        return variable.Success ? (string)template.Module(module)["variables"]![variable.Groups["name"].Value]! : id;
    }
}
