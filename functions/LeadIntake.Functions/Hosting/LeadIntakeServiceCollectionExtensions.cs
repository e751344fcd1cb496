using LeadIntake.Application.Activities;
using LeadIntake.Application.Capture;
using LeadIntake.Application.Export;
using LeadIntake.Application.Kpis;
using LeadIntake.Application.PersonalData;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sales;
using LeadIntake.Application.Scoring;
using LeadIntake.Application.Sla;
using LeadIntake.Application.Webhooks;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Forms;
using LeadIntake.Functions.Policy;
using LeadIntake.Functions.Scoring;
using LeadIntake.Functions.Webhooks;
using LeadIntake.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Hosting;

/// <summary>All service registration of the function app, so Program.cs stays a few lines.</summary>
public static class LeadIntakeServiceCollectionExtensions
{
    /// <summary>Registers options, clock, storage, application services, scoring, the qualification policy and the hand-off webhook.</summary>
    public static IServiceCollection AddLeadIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LeadCaptureOptions>().BindConfiguration(LeadCaptureOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LeadCaptureOptions>, LeadCaptureOptionsValidator>();
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.SectionName);
        services.AddOptions<QualificationPolicyOptions>().BindConfiguration(QualificationPolicyOptions.SectionName);
        services.AddOptions<HandoffWebhookOptions>().BindConfiguration(HandoffWebhookOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffWebhookOptions>, HandoffWebhookOptionsValidator>();
        // The application layer takes the options object itself (it knows no Microsoft.Extensions.Options).
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<HandoffWebhookOptions>>().Value);

        // The Azure SDK logs every request at Information: keep its warnings and errors only.
        services.AddLogging(logging => logging.AddFilter("Azure.Core", LogLevel.Warning).AddFilter("Azure.Identity", LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddLeadIntakeStorage(configuration);
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton(provider => new LeadIdentity(provider.GetRequiredService<IOptions<LeadCaptureOptions>>().Value.GetIdentitySecretBytes()));
        services.AddSingleton(provider => new FormTokens(provider.GetRequiredService<IOptions<LeadCaptureOptions>>().Value.GetIdentitySecretBytes()));
        services.AddSingleton<IFormRegistryProvider, FormRegistryProvider>();
        services.AddSingleton<SubmissionRateLimiter>();
        services.AddSingleton<LandingFormHttp>();
        services.AddSingleton<CaptureLead>();
        services.AddSingleton<LeadCaptureHttp>();
        services.AddSingleton<HandoffSender>();
        services.AddSingleton<ProcessLead>();
        services.AddSingleton<SweepSalesHandoffs>();
        services.AddSingleton<AcceptActivities>();
        services.AddSingleton<ActivitiesHttp>();
        services.AddSingleton<ProcessActivity>();
        services.AddSingleton<RecordSalesEvent>();
        services.AddSingleton<SalesEventsHttp>();
        services.AddSingleton<SlaCheck>();
        services.AddSingleton<RebuildFunnel>();
        services.AddSingleton<QueryKpis>();
        services.AddSingleton<PlanMarketing>();
        services.AddSingleton<KpisHttp>();
        services.AddSingleton<RecordSpend>();
        services.AddSingleton<SpendHttp>();
        services.AddSingleton<ExportLeads>();
        services.AddSingleton<LeadsCsvHttp>();
        services.AddSingleton<ErasePerson>();
        services.AddSingleton<ExportPersonalData>();
        services.AddSingleton<PersonalDataHttp>();

        // Every sales hand-off ProcessLead or the sweep sends also queues its webhook delivery, when the webhook is on.
        services.Replace(ServiceDescriptor.Singleton<ISalesHandoffQueue>(provider => new SalesHandoffDispatcher(
            provider.GetRequiredService<SalesHandoffQueue>(), provider.GetRequiredService<IHandoffWebhookQueue>(), provider.GetRequiredService<HandoffWebhookOptions>())));
        services.AddSingleton<DeliverHandoffWebhook>();
        services.AddSingleton<IHandoffWebhookSender, HttpHandoffWebhookSender>();
        services.AddHttpClient(HttpHandoffWebhookSender.ClientName, (provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<HandoffWebhookOptions>().WebhookTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("LeadIntake-HandoffWebhook/1");
            })
            // No redirects: a signed POST is never re-sent somewhere the setting does not name.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // The factory's loggers write the full URL at Information; Slack and Teams webhook URLs are secrets.
            .RemoveAllLoggers();

        services.AddSingleton<PointsScorerProvider>();
        services.AddSingleton<IScorerProvider>(provider => provider.GetRequiredService<IOptions<ScoringOptions>>().Value.UsePublishedModel
            ? ActivatorUtilities.CreateInstance<PublishedModelScorerProvider>(provider)
            : provider.GetRequiredService<PointsScorerProvider>());
        services.AddSingleton<IQualificationPolicyProvider>(provider => ActivatorUtilities.CreateInstance<QualificationPolicyProvider>(provider));

        // Spam counts: recorded in memory by capture, written to SpamDaily every 10 s and at shutdown.
        services.AddSingleton(provider => new SpamLog(provider.GetRequiredService<ISpamCountStore>()));
        services.AddSingleton<ISpamLog>(provider => provider.GetRequiredService<SpamLog>());
        services.AddHostedService<SpamLogFlusher>();
        return services;
    }
}
