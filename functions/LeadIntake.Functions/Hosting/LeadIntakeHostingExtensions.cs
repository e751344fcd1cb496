using System.Net;
using LeadIntake.Domain.Capture;
using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Pipeline;
using LeadIntake.Functions.Scoring;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Hosting;

/// <summary>All service registration of the function app, so Program.cs stays a few lines.</summary>
public static class LeadIntakeHostingExtensions
{
    /// <summary>Environment variable the Functions host sets to the port the handler must listen on.</summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Configuration switch for the local queue listeners (default on when not under the Functions host).</summary>
    public const string LocalQueueListenerEnabledKey = "LocalQueueListener:Enabled";

    /// <summary>Registers options, clock, storage clients, application services and, outside the host, the queue listeners.</summary>
    public static WebApplicationBuilder AddLeadIntake(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var customHandlerPort = builder.Configuration[CustomHandlerPortVariable];
        if (int.TryParse(customHandlerPort, out var port))
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        services.AddOptions<LeadCaptureOptions>().BindConfiguration(LeadCaptureOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LeadCaptureOptions>, LeadCaptureOptionsValidator>();
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.SectionName);
        services.AddProblemDetails();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => StorageClients.FromConfiguration(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<StorageInitializer>());

        services.AddSingleton(provider => new LeadIdentity(provider.GetRequiredService<IOptions<LeadCaptureOptions>>().Value.GetIdentitySecretBytes()));
        services.AddSingleton<RedirectPolicy>();
        services.AddSingleton<EnqueuedMessageWatcher>();
        services.AddSingleton<LeadIntakeService>();
        services.AddSingleton<PointsScorerProvider>();
        services.AddSingleton<IScorerProvider>(provider => provider.GetRequiredService<IOptions<ScoringOptions>>().Value.UsePublishedModel
            ? ActivatorUtilities.CreateInstance<PublishedModelScorerProvider>(provider)
            : provider.GetRequiredService<PointsScorerProvider>());
        services.AddSingleton<ProcessLeadStep>();

        var underHost = !string.IsNullOrEmpty(customHandlerPort);
        if (!underHost && builder.Configuration.GetValue(LocalQueueListenerEnabledKey, defaultValue: true))
        {
            services.AddSingleton(QueueTriggerSettings.Load(AppContext.BaseDirectory));
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<LocalQueueListener>(
                provider,
                new QueueFunction(FunctionNames.ProcessLead, FunctionNames.QueueFunctions[FunctionNames.ProcessLead].QueueName, provider.GetRequiredService<ProcessLeadStep>().RunAsync)));
        }

        return builder;
    }

    /// <summary>Adds the middleware: the single storage-failure catch (503 + Retry-After).</summary>
    public static WebApplication UseLeadIntake(this WebApplication app)
    {
        app.UseMiddleware<StorageFailureMiddleware>();
        return app;
    }
}
