using LeadIntake.Application.Kpis;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Functions;

/// <summary>The funnel aggregates on a timer (app setting <c>FunnelRebuildSchedule</c>): today, yesterday and every day marked for a rebuild.</summary>
/// <remarks>A storage failure throws: the timer runs again at its next occurrence, and a rebuild is idempotent.</remarks>
public sealed class RebuildFunnelFunction(RebuildFunnel rebuild, ILogger<RebuildFunnelFunction> logger)
{
    /// <summary>Rebuilds once.</summary>
    [Function(FunctionNames.RebuildFunnel)]
    public async Task RunAsync([TimerTrigger("%" + FunctionNames.FunnelRebuildScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await rebuild.RunAsync(cancellationToken);
        logger.LogInformation("{Result}", result);
    }
}
