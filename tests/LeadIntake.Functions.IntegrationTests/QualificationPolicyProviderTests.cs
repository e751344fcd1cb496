using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using LeadIntake.Application.Policy;
using LeadIntake.Domain.Policy;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Policy;
using LeadIntake.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// Where the qualification policy comes from — blob, else file, else built-in — and how a new blob version is picked up,
/// against a real Azurite with a fake clock. Each test has its own container and content root.
/// </summary>
public sealed class QualificationPolicyProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TimeSpan s_refresh = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly BlobRequests _requests = new();
    private readonly ListLogger _log = new();
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("policy-tests-").FullName;
    private readonly string _containerName = UniqueStorageName.Create("config");

    private BlobContainerClient Container => azurite.CreateBlobServiceClient().GetBlobContainerClient(_containerName);

    private BlobClient PolicyBlob => Container.GetBlobClient(StorageNames.QualificationPolicyBlob);

    public async Task InitializeAsync() => await Container.CreateAsync();

    public async Task DisposeAsync()
    {
        await Container.DeleteIfExistsAsync();
        Directory.Delete(_contentRoot, recursive: true);
    }

    [Fact]
    public async Task GetPolicyAsync_NoBlobNoFile_ServesDefault()
    {
        var provider = CreateProvider();

        var policy = await provider.GetPolicyAsync();

        Assert.Same(QualificationPolicy.Default, policy);
        Assert.Equal([(LogLevel.Information, "Qualification policy policy-default-1 from the built-in default")], _log.Entries);
    }

    [Fact]
    public async Task GetPolicyAsync_NoConfigContainer_ServesDefault()
    {
        await Container.DeleteAsync();
        var provider = CreateProvider();

        var policy = await provider.GetPolicyAsync();

        Assert.Same(QualificationPolicy.Default, policy);
    }

    [Fact]
    public async Task GetPolicyAsync_FileSetNoBlob_ServesFileResolvedAgainstContentRoot()
    {
        WriteFile("policies/sales.json", PolicyJson("policy-file-1"));
        var provider = CreateProvider(path: "policies/sales.json");

        var policy = await provider.GetPolicyAsync();

        Assert.Equal("policy-file-1", policy.Version);
        var fullPath = Path.Combine(_contentRoot, "policies", "sales.json");
        Assert.Equal([(LogLevel.Information, $"Qualification policy policy-file-1 from file {fullPath}")], _log.Entries);
    }

    [Fact]
    public async Task GetPolicyAsync_BlobAndFile_ServesBlob()
    {
        WriteFile("policy.json", PolicyJson("policy-file-1"));
        await UploadAsync(PolicyJson("policy-blob-1"));
        var provider = CreateProvider(path: "policy.json");

        var policy = await provider.GetPolicyAsync();

        Assert.Equal("policy-blob-1", policy.Version);
        Assert.Equal([(LogLevel.Information, $"Qualification policy policy-blob-1 from blob {_containerName}/qualification-policy.json")], _log.Entries);
    }

    [Fact]
    public async Task GetPolicyAsync_NewBlobVersion_PickedUpAfterRefreshIntervalOnly()
    {
        await UploadAsync(PolicyJson("policy-blob-1"));
        var provider = CreateProvider();
        var first = await provider.GetPolicyAsync();
        Assert.Equal(["HEAD", "GET"], _requests.TakeAll());

        await UploadAsync(PolicyJson("policy-blob-2"));
        _clock.Advance(s_refresh - TimeSpan.FromTicks(1));
        var withinInterval = await provider.GetPolicyAsync();
        var requestsWithinInterval = _requests.TakeAll();
        _clock.Advance(TimeSpan.FromTicks(1));
        var afterInterval = await provider.GetPolicyAsync();
        var requestsAfterInterval = _requests.TakeAll();
        _clock.Advance(s_refresh);
        var unchanged = await provider.GetPolicyAsync();
        var requestsUnchanged = _requests.TakeAll();

        Assert.Equal("policy-blob-1", first.Version);
        Assert.Same(first, withinInterval);
        Assert.Empty(requestsWithinInterval);                 // at most one check per interval
        Assert.Equal("policy-blob-2", afterInterval.Version);
        Assert.Equal(["HEAD", "GET"], requestsAfterInterval);  // the ETag changed: downloaded
        Assert.Same(afterInterval, unchanged);
        Assert.Equal(["HEAD"], requestsUnchanged);             // same ETag: not downloaded again
        Assert.Equal(
            ["Qualification policy policy-blob-1 from blob " + BlobName, "Qualification policy policy-blob-2 from blob " + BlobName],
            _log.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task GetPolicyAsync_InvalidBlobVersion_RefusedOldKeepsServingAndLogNamesPath()
    {
        await UploadAsync(PolicyJson("policy-blob-1"));
        var provider = CreateProvider();
        await provider.GetPolicyAsync();
        _requests.TakeAll();

        var invalid = PolicyJson("policy-blob-2").Replace("\"count\": 3", "\"count\": 3, \"cnt\": 4", StringComparison.Ordinal);
        await UploadAsync(invalid);
        _clock.Advance(s_refresh);
        var afterInvalid = await provider.GetPolicyAsync();
        _clock.Advance(s_refresh);
        var later = await provider.GetPolicyAsync();
        var requests = _requests.TakeAll();
        await UploadAsync(PolicyJson("policy-blob-3"));
        _clock.Advance(s_refresh);
        var afterFix = await provider.GetPolicyAsync();

        Assert.Equal("policy-blob-1", afterInvalid.Version);
        Assert.Equal("policy-blob-1", later.Version);
        Assert.Equal(["HEAD", "GET", "HEAD"], requests);      // the refused version is not downloaded again
        Assert.Equal("policy-blob-3", afterFix.Version);
        var warning = Assert.Single(_log.Messages(LogLevel.Warning));
        Assert.StartsWith($"Refused the qualification policy in blob {BlobName} (ETag ", warning);
        Assert.EndsWith(
            "): invalid at $.sla.followUps.cnt: unknown property 'cnt'; allowed here: count, within, minSpacing; " +
            $"keeping policy-blob-1 from blob {BlobName}", warning);
        Assert.DoesNotContain("marketing", warning);            // never the file itself
        Assert.Equal(
            ["Qualification policy policy-blob-1 from blob " + BlobName, "Qualification policy policy-blob-3 from blob " + BlobName],
            _log.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task GetPolicyAsync_InvalidBlobAtStart_ServesFileAndLogsPath()
    {
        WriteFile("policy.json", PolicyJson("policy-file-1"));
        await UploadAsync(PolicyJson("policy-blob-1").Replace("\"stage\": \"SAL\"", "\"stage\": \"Won\"", StringComparison.Ordinal));
        var provider = CreateProvider(path: "policy.json");

        var policy = await provider.GetPolicyAsync();

        Assert.Equal("policy-file-1", policy.Version);
        var warning = Assert.Single(_log.Messages(LogLevel.Warning));
        Assert.Contains("invalid at $.handoff.stage: 'Won' is not allowed here; use SAL or SQL; keeping policy-file-1 from file ", warning);
    }

    [Fact]
    public async Task GetPolicyAsync_BlobDeleted_FallsBackToFile()
    {
        WriteFile("policy.json", PolicyJson("policy-file-1"));
        await UploadAsync(PolicyJson("policy-blob-1"));
        var provider = CreateProvider(path: "policy.json");
        var before = await provider.GetPolicyAsync();

        await PolicyBlob.DeleteAsync();
        _clock.Advance(s_refresh);
        var afterDelete = await provider.GetPolicyAsync();
        await UploadAsync(PolicyJson("policy-blob-2"));
        _clock.Advance(s_refresh);
        var afterRepublish = await provider.GetPolicyAsync();

        Assert.Equal("policy-blob-1", before.Version);
        Assert.Equal("policy-file-1", afterDelete.Version);
        Assert.Equal("policy-blob-2", afterRepublish.Version);
        Assert.Equal(
            [
                "Qualification policy policy-blob-1 from blob " + BlobName,
                $"Qualification policy policy-file-1 from file {Path.Combine(_contentRoot, "policy.json")}",
                "Qualification policy policy-blob-2 from blob " + BlobName,
            ],
            _log.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task GetPolicyAsync_BlobDeletedNoFile_FallsBackToDefault()
    {
        await UploadAsync(PolicyJson("policy-blob-1"));
        var provider = CreateProvider();
        await provider.GetPolicyAsync();

        await PolicyBlob.DeleteAsync();
        _clock.Advance(s_refresh);
        var policy = await provider.GetPolicyAsync();

        Assert.Same(QualificationPolicy.Default, policy);
    }

    [Fact]
    public async Task GetPolicyAsync_InvalidFile_ThrowsOnEveryUseAndLogsError()
    {
        WriteFile("policy.json", PolicyJson("policy-file-1").Replace("\"5d\"", "\"5 days\"", StringComparison.Ordinal));
        await UploadAsync(PolicyJson("policy-blob-1"));   // a valid blob does not hide a broken file setting
        var provider = CreateProvider(path: "policy.json");

        var first = await Assert.ThrowsAsync<QualificationPolicyFormatException>(() => provider.GetPolicyAsync().AsTask());
        var second = await Assert.ThrowsAsync<QualificationPolicyFormatException>(() => provider.GetPolicyAsync().AsTask());

        Assert.Equal("$.sla.followUps.within", first.Path);
        Assert.Equal("$.sla.followUps.within", second.Path);
        var fullPath = Path.Combine(_contentRoot, "policy.json");
        Assert.Equal(
            [$"The qualification policy file {fullPath} (QualificationPolicy__Path) is invalid at $.sla.followUps.within: {first.Problem}"],
            _log.Messages(LogLevel.Error).Distinct());
        Assert.Empty(_log.Messages(LogLevel.Information));
    }

    [Fact]
    public async Task GetPolicyAsync_MissingFile_Throws()
    {
        var provider = CreateProvider(path: "no-such-policy.json");

        await Assert.ThrowsAsync<FileNotFoundException>(() => provider.GetPolicyAsync().AsTask());

        Assert.Single(_log.Messages(LogLevel.Error));
    }

    [Fact]
    public async Task GetPolicyAsync_StorageDownAfterStart_KeepsServingAndRetriesNextInterval()
    {
        await UploadAsync(PolicyJson("policy-blob-1"));
        var provider = CreateProvider();
        await provider.GetPolicyAsync();

        _requests.Down = true;
        await UploadAsync(PolicyJson("policy-blob-2"));
        _clock.Advance(s_refresh);
        var whileDown = await provider.GetPolicyAsync();
        _requests.Down = false;
        _clock.Advance(s_refresh);
        var afterRecovery = await provider.GetPolicyAsync();

        Assert.Equal("policy-blob-1", whileDown.Version);
        Assert.Equal("policy-blob-2", afterRecovery.Version);
        var warning = Assert.Single(_log.Messages(LogLevel.Warning));
        // Storage down is one line with its status (StorageFailureLog), not a stack trace.
        Assert.StartsWith($"Could not check blob {BlobName} for the qualification policy (storage 503 ", warning, StringComparison.Ordinal);
        Assert.EndsWith($"); keeping policy-blob-1 from blob {BlobName}", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPolicyAsync_StorageDownAtFirstCheck_ThrowsUntilItCanRead()
    {
        await UploadAsync(PolicyJson("policy-blob-1"));
        var provider = CreateProvider();
        _requests.Down = true;

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => provider.GetPolicyAsync().AsTask());
        _requests.Down = false;
        var policy = await provider.GetPolicyAsync();   // no clock move needed: nothing was served yet

        Assert.Equal(503, e.Status);
        Assert.Equal("policy-blob-1", policy.Version);
    }

    [Fact]
    public async Task AddLeadIntake_RegistersOneProviderBoundToTheSettings()
    {
        WriteFile("policy.json", PolicyJson("policy-file-1"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.Connection] = azurite.ConnectionString,
            [$"{LeadCaptureOptions.SectionName}:IdentitySecret"] = FunctionAppFixture.IdentitySecret,
            [$"{QualificationPolicyOptions.SectionName}:Path"] = "policy.json",
            [$"{QualificationPolicyOptions.SectionName}:RefreshInterval"] = "00:05:00",
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new TestHostEnvironment(_contentRoot))
            .AddLeadIntake(configuration)
            .BuildServiceProvider();

        var provider = services.GetRequiredService<IQualificationPolicyProvider>();
        var policy = await provider.GetPolicyAsync();   // the app's "config" container does not exist here: the file applies

        Assert.IsType<QualificationPolicyProvider>(provider);
        Assert.Same(provider, services.GetRequiredService<IQualificationPolicyProvider>());
        Assert.Equal("policy-file-1", policy.Version);
        Assert.Equal(TimeSpan.FromMinutes(5), services.GetRequiredService<IOptions<QualificationPolicyOptions>>().Value.RefreshInterval);
    }

    private string BlobName => $"{_containerName}/{StorageNames.QualificationPolicyBlob}";

    private QualificationPolicyProvider CreateProvider(string? path = null)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        var container = azurite.CreateBlobServiceClient(options).GetBlobContainerClient(_containerName);
        return new QualificationPolicyProvider(
            container, _clock, Options.Create(new QualificationPolicyOptions { Path = path, RefreshInterval = s_refresh }),
            new TestHostEnvironment(_contentRoot), _log);
    }

    private static string PolicyJson(string version) =>
        QualificationPolicy.DefaultJson.Replace("\"policy-default-1\"", $"\"{version}\"", StringComparison.Ordinal);

    private void WriteFile(string relativePath, string json)
    {
        var path = Path.Combine(_contentRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
    }

    private async Task UploadAsync(string json) => await PolicyBlob.UploadAsync(BinaryData.FromString(json), overwrite: true);

    /// <summary>Records the method of every request the provider sends; while <see cref="Down"/>, fails them as an unreachable service would.</summary>
    private sealed class BlobRequests : HttpPipelinePolicy
    {
        private readonly Lock _gate = new();
        private readonly List<string> _methods = [];

        public bool Down { get; set; }

        public List<string> TakeAll()
        {
            lock (_gate)
            {
                var taken = _methods.ToList();
                _methods.Clear();
                return taken;
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Record(HttpMessage message)
        {
            if (Down)
                throw new RequestFailedException(503, "Storage is down (simulated by the test).");
            lock (_gate)
                _methods.Add(message.Request.Method.Method);
        }
    }

    private sealed class ListLogger : ILogger<QualificationPolicyProvider>
    {
        private readonly Lock _gate = new();
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public List<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (_gate)
                    return [.. _entries];
            }
        }

        public List<string> Messages(LogLevel level) => [.. Entries.Where(e => e.Level == level).Select(e => e.Message)];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_gate)
                _entries.Add((logLevel, formatter(state, exception)));
        }
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "LeadIntake.Functions";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
