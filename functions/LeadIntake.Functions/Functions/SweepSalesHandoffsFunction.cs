using LeadIntake.Application.Processing;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Functions;

/// <summary>Every 5 minutes: sends sales hand-offs whose every send failed (see <see cref="SweepSalesHandoffs"/>).</summary>
public sealed class SweepSalesHandoffsFunction(SweepSalesHandoffs sweep, ILogger<SweepSalesHandoffsFunction> logger)
{
    /// <summary>Runs one sweep.</summary>
    [Function(FunctionNames.SweepSalesHandoffs)]
    public async Task RunAsync([TimerTrigger(FunctionNames.SweepSalesHandoffsSchedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var sent = await sweep.RunAsync(cancellationToken);
        if (sent > 0)
            logger.LogWarning("Sent {Count} sales hand-off(s) left in the outbox", sent);
    }
}
