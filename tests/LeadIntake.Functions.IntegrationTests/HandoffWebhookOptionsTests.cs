using LeadIntake.Application.Webhooks;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Start-up validation of the hand-off webhook settings: each failure names the setting, none echoes a value.</summary>
public sealed class HandoffWebhookOptionsTests
{
    private const string Secret = "webhook-test-secret-0123456789";
    private readonly HandoffWebhookOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_SucceedWithTheWebhookOff()
    {
        var options = new HandoffWebhookOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.False(options.IsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(10), options.WebhookTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.WebhookRetryBaseDelay);
        Assert.Equal(8, options.WebhookMaxAttempts);
    }

    [Theory]
    [InlineData("https://crm.example.com/hooks/leadintake")]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXX")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]:5000/")]
    public void Validate_HttpsOrLoopbackHttpWithSecret_Succeeds(string url)
    {
        Assert.True(_validator.Validate(null, new HandoffWebhookOptions { WebhookUrl = url, WebhookSecret = Secret }).Succeeded);
    }

    [Theory]
    [InlineData("http://crm.example.com/hooks/SECRETPART", "Handoff:WebhookUrl must use https")]       // plain http off the machine
    [InlineData("/hooks/SECRETPART", "Handoff:WebhookUrl must be an absolute https URL")]              // relative
    [InlineData("ftp://crm.example.com/SECRETPART", "Handoff:WebhookUrl must be an absolute https URL")]
    [InlineData("not a url SECRETPART", "Handoff:WebhookUrl must be an absolute https URL")]
    [InlineData("https://user:SECRETPART@crm.example.com/hook", "Handoff:WebhookUrl must not hold a user name or password")]
    public void Validate_BadUrl_FailsNamingTheSettingNotTheValue(string url, string expected)
    {
        var result = _validator.Validate(null, new HandoffWebhookOptions { WebhookUrl = url, WebhookSecret = Secret });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETPART", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Handoff:WebhookSecret is required when Handoff:WebhookUrl is set")]
    [InlineData("", "Handoff:WebhookSecret is required when Handoff:WebhookUrl is set")]
    [InlineData("fifteen-chars-x", "Handoff:WebhookSecret must be at least 16 characters")]
    public void Validate_UrlWithoutAGoodSecret_Fails(string? secret, string expected)
    {
        var result = _validator.Validate(null, new HandoffWebhookOptions { WebhookUrl = "https://crm.example.com/hook", WebhookSecret = secret });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SixteenCharacterSecret_Succeeds()
    {
        Assert.True(_validator.Validate(null, new HandoffWebhookOptions { WebhookUrl = "https://crm.example.com/hook", WebhookSecret = "sixteen-chars-xx" }).Succeeded);
    }

    [Theory]
    [InlineData("00:00:00", "00:00:10", 8, "Handoff:WebhookTimeout")]
    [InlineData("00:02:01", "00:00:10", 8, "Handoff:WebhookTimeout")]
    [InlineData("00:00:10", "-00:00:01", 8, "Handoff:WebhookRetryBaseDelay")]
    [InlineData("00:00:10", "00:10:01", 8, "Handoff:WebhookRetryBaseDelay")]
    [InlineData("00:00:10", "00:00:10", 0, "Handoff:WebhookMaxAttempts")]
    [InlineData("00:00:10", "00:00:10", 51, "Handoff:WebhookMaxAttempts")]
    public void Validate_OutOfRange_FailsNamingTheSetting(string timeout, string baseDelay, int maxAttempts, string setting)
    {
        var options = new HandoffWebhookOptions
        {
            WebhookUrl = "https://crm.example.com/hook",
            WebhookSecret = Secret,
            WebhookTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture),
            WebhookRetryBaseDelay = TimeSpan.Parse(baseDelay, System.Globalization.CultureInfo.InvariantCulture),
            WebhookMaxAttempts = maxAttempts,
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLeadIntake_UrlWithoutSecret_RefusesTheOptions()
    {
        // The app's own registration, as Program.cs calls it: the worker then fails at start (ValidateOnStart).
        using var services = Services(new()
        {
            [$"{HandoffWebhookOptions.SectionName}:WebhookUrl"] = "https://crm.example.com/hook",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HandoffWebhookOptions>>().Value);
        Assert.Contains("Handoff:WebhookSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLeadIntake_Settings_BoundFromTheHandoffSection()
    {
        using var services = Services(new()
        {
            [$"{HandoffWebhookOptions.SectionName}:WebhookUrl"] = "https://crm.example.com/hook",
            [$"{HandoffWebhookOptions.SectionName}:WebhookSecret"] = Secret,
            [$"{HandoffWebhookOptions.SectionName}:WebhookTimeout"] = "00:00:03",
            [$"{HandoffWebhookOptions.SectionName}:WebhookRetryBaseDelay"] = "00:00:02",
            [$"{HandoffWebhookOptions.SectionName}:WebhookMaxAttempts"] = "3",
        });

        var options = services.GetRequiredService<HandoffWebhookOptions>();

        Assert.True(options.IsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(3), options.WebhookTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.WebhookRetryBaseDelay);
        Assert.Equal(3, options.WebhookMaxAttempts);
    }

    /// <summary>The app's services over in-memory settings (storage unreachable, a valid identity secret) plus <paramref name="settings"/>.</summary>
    internal static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        settings[StorageNames.Connection] = AzuriteFixture.CreateUnreachableConnectionString();
        settings[$"{LeadCaptureOptions.SectionName}:IdentitySecret"] = FunctionAppFixture.IdentitySecret;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        configure?.Invoke(services);
        return services.AddLeadIntake(configuration).BuildServiceProvider();
    }
}
