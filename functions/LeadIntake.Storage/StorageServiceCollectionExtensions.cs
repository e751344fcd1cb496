using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using LeadIntake.Application.Capture;
using LeadIntake.Application.Export;
using LeadIntake.Application.Kpis;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sla;
using LeadIntake.Storage.Activities;
using LeadIntake.Storage.Capture;
using LeadIntake.Storage.Kpis;
using LeadIntake.Storage.Sla;
using LeadIntake.Application.Webhooks;
using LeadIntake.Storage.Leads;
using LeadIntake.Application.PersonalData;
using LeadIntake.Storage.PersonalData;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage;

/// <summary>Registers the Azure SDK clients of the <see cref="StorageNames.Connection"/> account and the storage adapters.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds the Table, Queue and Blob service clients (through <c>AddAzureClients</c>) and the application's storage ports.</summary>
    /// <exception cref="InvalidOperationException">Storage is not configured (see <see cref="StorageAccount.FromConfiguration"/>).</exception>
    public static IServiceCollection AddLeadIntakeStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var account = StorageAccount.FromConfiguration(configuration);
        services.AddAzureClients(clients =>
        {
            // A visitor waits on capture's send: give up within about two seconds of an unreachable account (503, the
            // page retries) instead of the SDK's default of about half a minute. Queue functions are retried by the host.
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = Azure.Core.RetryMode.Exponential;
                options.Retry.MaxRetries = 3;
                options.Retry.Delay = TimeSpan.FromMilliseconds(100);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
                // The SDK's per-request event logging costs more CPU than capture's own work (it formats every request
                // and response for listeners the app filters out anyway); failures still surface as exceptions we log.
                options.Diagnostics.IsLoggingEnabled = false;
            });
            clients.AddClient<TableServiceClient, TableClientOptions>(options => account.CreateTableServiceClient(options));
            clients.AddClient<QueueServiceClient, QueueClientOptions>(options => account.CreateQueueServiceClient(options));
            clients.AddClient<BlobServiceClient, BlobClientOptions>(options => account.CreateBlobServiceClient(options));
        });
        services.AddSingleton<ILeadStore, TableLeadStore>();
        services.AddSingleton<ILeadCaptureQueue, LeadCapturedQueue>();
        services.AddSingleton<ISalesHandoffQueue, SalesHandoffQueue>();
        services.AddSingleton<ILeadActivityStore, TableLeadActivityStore>();
        services.AddSingleton<ILeadActivityQueue, LeadActivityQueue>();
        services.AddSingleton<IDeadlineIndex, TableDeadlineIndex>();
        services.AddSingleton<ISlaBreachStore, TableSlaBreachStore>();
        services.AddSingleton<ISlaBreachQueue, SlaBreachQueue>();
        // The queue itself is registered too, so the function app can put SalesHandoffDispatcher in front of it.
        services.AddSingleton<SalesHandoffQueue>();
        services.AddSingleton<ISalesHandoffQueue>(provider => provider.GetRequiredService<SalesHandoffQueue>());
        services.AddSingleton<IHandoffWebhookQueue, HandoffWebhookQueue>();
        services.AddSingleton<IMarketingSpendStore, TableMarketingSpendStore>();
        services.AddSingleton<ILeadExportSource, TableLeadExportSource>();
        services.AddSingleton<IFunnelSourceStore, TableFunnelSourceStore>();
        services.AddSingleton<IFunnelAggregateStore, TableFunnelAggregateStore>();
        services.AddSingleton<IFormSettingsSource, TableFormSettingsSource>();
        services.AddSingleton<ISpamCountStore, TableSpamCountStore>();
        services.AddSingleton<IPersonalDataStore, TablePersonalDataStore>();
        return services;
    }
}
