using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sales;
using LeadIntake.Application.Sla;
using LeadIntake.Application.Scoring;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Scoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>A private Azurite with the app's tables and queues, and the application services wired to it as the app wires them.</summary>
/// <remarks>Table and queue names are the app's fixed names, so each test class gets its own Azurite; tests use unique emails.</remarks>
public sealed class StorageFixture : IAsyncLifetime
{
    /// <summary>The identity secret the tests use (32+ bytes of text).</summary>
    public static LeadIdentity Identity { get; } = new(Encoding.UTF8.GetBytes("storage-test-secret-0123456789abcdef"));

    private ServiceProvider? _services;

    /// <summary>The private Azurite.</summary>
    public AzuriteFixture Azurite { get; } = new();

    /// <summary>The services: <c>AddLeadIntakeStorage</c> plus the use cases, with the built-in points model.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(StorageNames.Connection, Azurite.ConnectionString)])
            .Build();
        _services = new ServiceCollection()
            .AddLeadIntakeStorage(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IScorerProvider, PointsModel>()
            .AddSingleton<IQualificationPolicyProvider, DefaultPolicy>()
            .AddSingleton<HandoffSender>()
            .AddSingleton<ProcessLead>()
            .AddSingleton<SweepSalesHandoffs>()
            .AddSingleton<ProcessActivity>()
            .AddSingleton<RecordSalesEvent>()
            .AddSingleton<SlaCheck>()
            .BuildServiceProvider();

        var tables = _services.GetRequiredService<TableServiceClient>();
        foreach (var table in StorageNames.Tables)
            await tables.CreateTableIfNotExistsAsync(table);
        var queues = _services.GetRequiredService<QueueServiceClient>();
        foreach (var queue in StorageNames.Queues)
            await queues.CreateQueueAsync(queue);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>The named table.</summary>
    public TableClient Table(string name) => Services.GetRequiredService<TableServiceClient>().GetTableClient(name);

    /// <summary>The named queue (Base64, as the app sends).</summary>
    public QueueClient Queue(string name) => Services.GetRequiredService<QueueServiceClient>().GetQueueClient(name);

    /// <summary>All rows of <paramref name="table"/> in partition <paramref name="partitionKey"/>.</summary>
    public Task<List<T>> RowsAsync<T>(string table, string partitionKey) where T : class, ITableEntity, new() => Azurite.RowsAsync<T>(table, partitionKey);

    /// <summary>Receives and deletes every message of <paramref name="queueName"/>; returns their texts.</summary>
    public Task<List<string>> DrainAsync(string queueName) => Azurite.DrainAsync(queueName);

    /// <summary>A unique email address for one test.</summary>
    public static string UniqueEmail(string prefix = "lead") => $"{prefix}-{Guid.NewGuid():N}@contoso-labs.com";

    /// <summary>A parsed submission for <paramref name="email"/> plus extra fields, as capture would queue it.</summary>
    public static LeadSubmission Submission(string email, params (string Name, string? Value)[] fields)
    {
        var form = RawLeadForm.From([("email", email), .. fields]);
        var result = LeadSubmissionParser.Parse(form, new CaptureContext(TimeProvider.System.GetUtcNow(), "tests", null, "203.0.113.7"), Identity, LeadCaptureLimits.Default);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return result.Value!;
    }

    // The built-in points model, as the function app serves it until a trained model is published.
    private sealed class PointsModel : IScorerProvider
    {
        public ValueTask<ILeadScorer> GetScorerAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<ILeadScorer>(PointsScoringModel.Default);
    }

    // The built-in qualification policy, as the function app serves it until a file or blob overrides it.
    private sealed class DefaultPolicy : IQualificationPolicyProvider
    {
        public ValueTask<QualificationPolicy> GetPolicyAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(QualificationPolicy.Default);
    }
}
