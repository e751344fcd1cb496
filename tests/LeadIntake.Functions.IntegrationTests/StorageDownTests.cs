using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The app started against storage nobody listens on.</summary>
public sealed class StorageDownAppFixture : IAsyncLifetime
{
    /// <summary>The running host.</summary>
    public LocalFunctionsHost Host { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await LocalFunctionsHost.StartAsync(FunctionAppFixture.AppOutput, new Dictionary<string, string>
    {
        [StorageNames.Connection] = AzuriteFixture.CreateUnreachableConnectionString(),
        [$"{LeadCaptureOptions.SectionName}__IdentitySecret"] = FunctionAppFixture.IdentitySecret,
    });

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>With storage unreachable, capture answers 503 + Retry-After problem+json, never 202, never a stack trace, and the worker stays up.</summary>
public sealed class StorageDownTests(StorageDownAppFixture fixture) : IClassFixture<StorageDownAppFixture>
{
    [Fact]
    public async Task Capture_StorageUnreachable_Returns503ProblemWithRetryAfter()
    {
        // Once start-up has tried and failed to create the queues, the worker must still be the first one, serving.
        await fixture.Host.WaitForOutputAsync("Storage not reachable yet", TimeSpan.FromSeconds(30));
        var response = await fixture.Host.Client.PostAsJsonAsync("api/leads", new { email = FunctionAppFixture.UniqueEmail() });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}{Environment.NewLine}{fixture.Host.Output}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", fixture.Host.Output);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Restarting the worker", fixture.Host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DELETE", "api/leads?email=jane%40example.com")]
    [InlineData("GET", "api/leads/export?email=jane%40example.com")]
    public async Task PersonalData_StorageUnreachable_Returns503ProblemWithRetryAfter(string method, string path)
    {
        await fixture.Host.WaitForOutputAsync("Storage not reachable yet", TimeSpan.FromSeconds(30));

        var response = await fixture.Host.Client.SendAsync(fixture.Host.AdminRequest(new HttpMethod(method), path));

        // An erasure that could not run is never answered as done (200 with zero counts).
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }
}
