using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The function app in-process, pointed at a given storage connection string.</summary>
public sealed class LeadIntakeAppFactory(string storageConnectionString, bool localQueueListener, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The identity secret tests configure (32+ bytes of text).</summary>
    public const string IdentitySecret = "integration-test-secret-0123456789abcdef";

    /// <summary>Waits until the app has created its queues, tables and containers.</summary>
    public Task WaitForStorageAsync() =>
        Services.GetRequiredService<StorageInitializer>().WaitUntilReadyAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting(StorageClients.ConnectionName, storageConnectionString);
        builder.UseSetting($"{LeadCaptureOptions.SectionName}:IdentitySecret", IdentitySecret);
        builder.UseSetting($"{LeadCaptureOptions.SectionName}:AllowedRedirectOrigins:0", "https://www.example.com");
        builder.UseSetting(LeadIntakeHostingExtensions.LocalQueueListenerEnabledKey, localQueueListener ? "true" : "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }
}
