using System.Text.Json;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using LeadIntake.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Every function.json and host.json agree with the names in code, and every function has a route.</summary>
public sealed class FunctionDefinitionTests
{
    private static readonly string[] s_definitionFolders =
        [.. Directory.GetDirectories(RepositoryPaths.Definitions).Select(Path.GetFileName).OfType<string>().Order()];

    [Fact]
    public void Definitions_EveryFolder_IsAFunctionDeclaredInCode()
    {
        var declared = FunctionNames.HttpFunctions.Keys.Concat(FunctionNames.QueueFunctions.Keys).Order().ToArray();

        Assert.Equal(declared, s_definitionFolders);
    }

    [Fact]
    public void HttpFunctions_FunctionJson_MatchesRouteMethodAndBindings()
    {
        foreach (var (name, (route, method)) in FunctionNames.HttpFunctions)
        {
            var bindings = ReadBindings(name);

            // Proxying applies only to functions whose bindings are exactly one httpTrigger plus one http output.
            Assert.Equal(2, bindings.Length);
            var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
            Assert.Equal(FunctionNames.HttpTriggerBinding, trigger.GetProperty("name").GetString());
            Assert.Equal("in", trigger.GetProperty("direction").GetString());
            Assert.Equal(route, trigger.GetProperty("route").GetString());
            Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
            Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()));
            var output = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "http");
            Assert.Equal(FunctionNames.HttpOutputBinding, output.GetProperty("name").GetString());
            Assert.Equal("out", output.GetProperty("direction").GetString());
        }
    }

    [Fact]
    public void QueueFunctions_FunctionJson_MatchesQueueNameAndBinding()
    {
        foreach (var (name, (binding, queueName)) in FunctionNames.QueueFunctions)
        {
            var trigger = Assert.Single(ReadBindings(name));

            Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal(binding, trigger.GetProperty("name").GetString());
            Assert.Equal(queueName, trigger.GetProperty("queueName").GetString());
            Assert.Contains(queueName, StorageNames.Queues);
            Assert.Equal(StorageClients.ConnectionName, trigger.GetProperty("connection").GetString());
        }
    }

    [Fact]
    public void Functions_EveryDefinition_HasAMappedRoute()
    {
        using var factory = new LeadIntakeAppFactory(AzuriteFixture.CreateUnreachableConnectionString(), localQueueListener: false);
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();

        foreach (var (_, (route, method)) in FunctionNames.HttpFunctions)
            Assert.Contains($"{method} /{FunctionNames.RoutePrefix}/{route}", routes);
        foreach (var name in FunctionNames.QueueFunctions.Keys)
            Assert.Contains($"POST /{name}", routes);
    }

    [Fact]
    public void HostJson_Settings_MatchCodeAndProtocol()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.HostJson));
        var root = document.RootElement;
        var customHandler = root.GetProperty("customHandler");
        var queues = root.GetProperty("extensions").GetProperty("queues");

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.True(customHandler.GetProperty("enableProxyingHttpRequest").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(customHandler.GetProperty("description").GetProperty("defaultExecutablePath").GetString()));
        Assert.Equal("[4.*, 5.0.0)", root.GetProperty("extensionBundle").GetProperty("version").GetString());
        Assert.Equal(FunctionNames.RoutePrefix, root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    private static JsonElement[] ReadBindings(string functionName)
    {
        var path = Path.Combine(RepositoryPaths.Definitions, functionName, "function.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())];
    }
}
