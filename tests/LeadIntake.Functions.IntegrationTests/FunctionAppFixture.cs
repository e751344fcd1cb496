using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadIntake.Domain.Capture;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>A private Azurite and the function app's real worker served by the local Functions host, for one test class.</summary>
/// <remarks>Queue and table names are the app's fixed names, so each fixture has its own Azurite; tests use unique emails.</remarks>
public class FunctionAppFixture : IAsyncLifetime
{
    /// <summary>The identity secret the tests configure (32+ bytes of text).</summary>
    public const string IdentitySecret = "integration-test-secret-0123456789abcdef";

    /// <summary>The identity the app uses (same secret), so lead ids agree.</summary>
    public static LeadIdentity Identity { get; } = new(Encoding.UTF8.GetBytes(IdentitySecret));

    private LocalFunctionsHost? _host;

    /// <summary>The private Azurite.</summary>
    public AzuriteFixture Azurite { get; } = new();

    /// <summary>The running host.</summary>
    public LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The worker app's build output, as the host runs it.</summary>
    public static string AppOutput => LocalFunctionsHost.BuildOutput("functions/LeadIntake.Functions");

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        var settings = new Dictionary<string, string>
        {
            [StorageNames.Connection] = Azurite.ConnectionString,
            [$"{LeadCaptureOptions.SectionName}__IdentitySecret"] = IdentitySecret,
            [$"{LeadCaptureOptions.SectionName}__AllowedOrigins__0"] = "https://www.example.com",
            // Every test posts from 127.0.0.1; the classes that test rate limits set their own in a form's row.
            [$"{LeadCaptureOptions.SectionName}__MaxPerAddressPerHour"] = "1000000",
            [FunctionNames.SlaCheckScheduleSetting] = "0 * * * * *",
            [FunctionNames.FunnelRebuildScheduleSetting] = "0 * * * * *",
        };
        foreach (var (name, value) in Settings())
            settings[name] = value;
        _host = await LocalFunctionsHost.StartAsync(AppOutput, settings);
        // The app creates its queues and tables in the background after start-up (StorageInitializer); tests that
        // write to them directly wait for it.
        await _host.WaitForOutputAsync("Storage ready", TimeSpan.FromSeconds(60));
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>Settings a fixture adds or overrides (environment variable names: <c>A__B</c> for <c>A:B</c>).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() => [];

    /// <summary>A client for one of the app's queues (Base64, as the app sends).</summary>
    public QueueClient Queue(string name) => Azurite.CreateQueueServiceClient().GetQueueClient(name);

    /// <summary>A client for one of the app's tables.</summary>
    public TableClient Table(string name) => Azurite.CreateTableServiceClient().GetTableClient(name);

    /// <summary>All rows of <paramref name="table"/> in partition <paramref name="partitionKey"/>.</summary>
    public Task<List<T>> RowsAsync<T>(string table, string partitionKey) where T : class, ITableEntity, new() => Azurite.RowsAsync<T>(table, partitionKey);

    /// <summary>The lead's profile row, or null; while a hand-off is being sent its partition also holds an outbox row.</summary>
    public async Task<LeadEntity?> LeadAsync(string leadId) =>
        (await RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).SingleOrDefault(row => row.RowKey == LeadEntity.ProfileRowKey);

    /// <summary>Receives and deletes every message of <paramref name="queueName"/>; returns their texts.</summary>
    public Task<List<string>> DrainAsync(string queueName) => Azurite.DrainAsync(queueName);

    /// <summary>A unique email address for one test.</summary>
    public static string UniqueEmail(string prefix = "lead") => $"{prefix}-{Guid.NewGuid():N}@contoso-labs.com";

    /// <summary>The queue message capture would send for <paramref name="email"/> plus extra fields.</summary>
    public static string Message(string email, params (string Name, string? Value)[] fields)
    {
        var form = RawLeadForm.From([("email", email), .. fields]);
        var result = LeadSubmissionParser.Parse(form, new CaptureContext(TimeProvider.System.GetUtcNow(), "tests", null, "203.0.113.7"), Identity, LeadCaptureLimits.Default);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return LeadSubmissionMessage.Serialize(result.Value!);
    }
}

/// <summary>The app with <c>ProcessLead</c> disabled (<c>AzureWebJobs.ProcessLead.Disabled</c>, as in Azure), so capture's queue can be inspected.</summary>
public sealed class CaptureOnlyAppFixture : FunctionAppFixture
{
    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new($"AzureWebJobs.{FunctionNames.ProcessLead}.Disabled", "true")];
}

/// <summary>The whole pipeline, shared by the pipeline and browser tests (one collection, so they run one after the other).</summary>
public sealed class PipelineAppFixture : FunctionAppFixture;

/// <summary>The collection of tests sharing one <see cref="PipelineAppFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineAppFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "pipeline";
}
