using LeadIntake.Functions.Hosting;
using LeadIntake.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Start-up validation of the capture settings.</summary>
public sealed class LeadCaptureOptionsTests
{
    private readonly LeadCaptureOptionsValidator _validator = new();

    [Theory]
    [InlineData("")]                                              // missing
    [InlineData("too-short-secret")]                              // 16 bytes of text
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]                      // valid base64, but only 16 bytes
    public void Validate_WeakSecret_Fails(string secret)
    {
        var result = _validator.Validate(null, new LeadCaptureOptions { IdentitySecret = secret });

        Assert.True(result.Failed);
        Assert.Contains("IdentitySecret", result.FailureMessage);
    }

    [Fact]
    public void GetIdentitySecretBytes_Base64Of32Bytes_DecodesIt()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var options = new LeadCaptureOptions { IdentitySecret = Convert.ToBase64String(key) };

        Assert.Equal(key, options.GetIdentitySecretBytes());
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("https://www.example.com/path")]
    [InlineData("ftp://example.com")]
    [InlineData("example.com")]
    public void Validate_RedirectOriginNotAnOrigin_Fails(string origin)
    {
        var options = new LeadCaptureOptions { IdentitySecret = LeadIntakeAppFactory.IdentitySecret, AllowedRedirectOrigins = [origin] };

        Assert.True(_validator.Validate(null, options).Failed);
    }

    [Fact]
    public async Task AppStart_WithoutSecret_Refuses()
    {
        // The app's own registration (AddLeadIntake, as Program.cs calls it) started directly: WebApplicationFactory's
        // deferred host can surface a failed start as ObjectDisposedException when the machine is busy.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = AzuriteFixture.CreateUnreachableConnectionString(),
            [$"{LeadCaptureOptions.SectionName}:IdentitySecret"] = "",
            [LeadIntakeHostingExtensions.LocalQueueListenerEnabledKey] = "false",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddLeadIntake();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("IdentitySecret", error.Message);
    }
}
