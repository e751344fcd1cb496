using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests.Authentication;

/// <summary>A private Azurite with HTTPS (a fresh self-signed certificate) and <c>--oauth basic</c>, for the TokenCredential path.</summary>
public sealed class OAuthAzuriteFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("leadintake-oauth-").FullName;
    private X509Certificate2? _certificate;
    private AzuriteProcess? _azurite;

    public StorageConnectionString Endpoints { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(_directory, "cert.pem");
        var keyPath = Path.Combine(_directory, "key.pem");
        await File.WriteAllTextAsync(certificatePath, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());

        _azurite = await AzuriteProcess.StartAsync(["--oauth", "basic", "--cert", certificatePath, "--key", keyPath], "https");
        Endpoints = StorageConnectionString.Parse(_azurite.ConnectionString);
    }

    /// <summary>Client options whose transport trusts exactly this fixture's certificate; few, fast retries.</summary>
    public T Options<T>()
        where T : ClientOptions, new()
    {
        var thumbprint = _certificate!.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || certificate?.Thumbprint == thumbprint,
        };
        var options = new T { Transport = new HttpClientTransport(handler) };
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        return options;
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
        _certificate?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
