using LeadIntake.Application.Sla;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Functions;

/// <summary>The SLA clock on a timer (app setting <c>SlaCheckSchedule</c>): acts on every deadline that has passed.</summary>
public sealed class SlaCheckFunction(SlaCheck check, ILogger<SlaCheckFunction> logger)
{
    /// <summary>Runs the clock once.</summary>
    [Function(FunctionNames.SlaCheck)]
    public async Task RunAsync([TimerTrigger("%" + FunctionNames.SlaCheckScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await check.RunAsync(cancellationToken);
        if (result.Breaches > 0)
            logger.LogWarning("{Result}", result);
        else
            logger.LogInformation("{Result}", result);
    }
}
