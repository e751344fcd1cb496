using System.Text;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Capture;
using LeadIntake.Application.Kpis;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sales;
using LeadIntake.Application.Scoring;
using LeadIntake.Application.Sla;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Scoring;
using LeadIntake.Storage;
using LeadIntake.Storage.Leads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadIntake.DemoHistory;

/// <summary>Wires the application's use cases to storage for the demo history, as the function app wires them, on a <see cref="DemoClock"/>.</summary>
public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Adds storage (<see cref="StorageServiceCollectionExtensions.AddLeadIntakeStorage"/>), <paramref name="clock"/> as the
    /// <see cref="TimeProvider"/>, the built-in points model, the demo policy (<see cref="DemoHistory.Policy"/>), and the use cases. The <c>lead-captured</c>
    /// and <c>lead-activity</c> queues are replaced by ones that process each message at once (what the queue triggers do), so
    /// a capture goes <see cref="CaptureLead"/> → message → <see cref="ProcessLead"/> with the event's own time. The lead store
    /// remembers what it committed, for the generator to follow each lead.
    /// </summary>
    /// <exception cref="InvalidOperationException">Storage is not configured (see <see cref="StorageAccount.FromConfiguration"/>).</exception>
    public static IServiceCollection AddDemoHistory(this IServiceCollection services, IConfiguration configuration, DemoClock clock)
    {
        services.AddLeadIntakeStorage(configuration);
        services.AddSingleton(clock);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IScorerProvider, BuiltInScorer>();
        services.AddSingleton<IQualificationPolicyProvider, DemoPolicy>();
        services.AddSingleton(new LeadIdentity(Encoding.UTF8.GetBytes(DemoHistory.IdentitySecret)));
        services.AddSingleton<HandoffSender>();
        services.AddSingleton<ProcessLead>();
        services.AddSingleton<ProcessActivity>();
        services.AddSingleton<RecordSalesEvent>();
        services.AddSingleton<SlaCheck>();
        services.AddSingleton<CaptureLead>();
        services.AddSingleton<AcceptActivities>();
        services.AddSingleton<RebuildFunnel>();
        services.AddSingleton<TableLeadStore>();
        services.AddSingleton(provider => new CommittedLeads(provider.GetRequiredService<TableLeadStore>()));
        services.Replace(ServiceDescriptor.Singleton<ILeadStore>(provider => provider.GetRequiredService<CommittedLeads>()));
        services.Replace(ServiceDescriptor.Singleton<ILeadCaptureQueue, ProcessingCaptureQueue>());
        services.Replace(ServiceDescriptor.Singleton<ILeadActivityQueue, ProcessingActivityQueue>());
        return services;
    }

    // The built-in points model, as the function app scores until a trained model is published.
    private sealed class BuiltInScorer : IScorerProvider
    {
        public ValueTask<ILeadScorer> GetScorerAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<ILeadScorer>(PointsScoringModel.Default);
    }

    // The demo's policy, which WriteAsync also publishes for the function app.
    private sealed class DemoPolicy : IQualificationPolicyProvider
    {
        public ValueTask<QualificationPolicy> GetPolicyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(DemoHistory.Policy);
    }

    // The lead-captured queue and its trigger in one: the message text the app would queue, processed at once.
    private sealed class ProcessingCaptureQueue(ProcessLead process) : ILeadCaptureQueue
    {
        public Task SendAsync(string message, CancellationToken cancellationToken) =>
            process.RunAsync(LeadSubmissionMessage.Deserialize(message), cancellationToken);
    }

    // The lead-activity queue and its trigger in one.
    private sealed class ProcessingActivityQueue(ProcessActivity process) : ILeadActivityQueue
    {
        public Task SendAsync(LeadActivityMessage message, CancellationToken cancellationToken) =>
            process.RunAsync(LeadActivityMessage.Parse(message.ToJson()), cancellationToken);
    }
}
