using LeadIntake.Functions.Hosting;
using LeadIntake.Testing;
using LeadIntake.Storage;
using Microsoft.Extensions.DependencyInjection;
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
        var options = new LeadCaptureOptions { IdentitySecret = FunctionAppFixture.IdentitySecret, AllowedOrigins = [origin] };

        Assert.True(_validator.Validate(null, options).Failed);
    }

    [Fact]
    public void AddLeadIntake_WithoutSecret_RefusesTheOptions()
    {
        // The app's own registration, as Program.cs calls it: the worker then fails at start (ValidateOnStart).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.Connection] = AzuriteFixture.CreateUnreachableConnectionString(),
            [$"{LeadCaptureOptions.SectionName}:IdentitySecret"] = "",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddLeadIntake(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LeadCaptureOptions>>().Value);
        Assert.Contains("IdentitySecret", error.Message);
    }
}
