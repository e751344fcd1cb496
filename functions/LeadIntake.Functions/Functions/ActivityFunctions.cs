using LeadIntake.Application.Activities;
using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Functions;

/// <summary><c>POST /api/activities</c>: behaviour events from email, web and webinar tools; 202 only after the queue accepted them.</summary>
public sealed class RecordActivitiesFunction(ActivitiesHttp activities)
{
    /// <summary>Validates and queues one event or an array of them.</summary>
    [Function(FunctionNames.RecordActivities)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = FunctionNames.ActivitiesRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        activities.HandleAsync(request, cancellationToken);
}

/// <summary>Queue <c>lead-activity</c>: store the events, recompute engagement, apply the policy, hand over.</summary>
/// <remarks>A malformed message or a storage failure throws: the host retries it and, after <c>maxDequeueCount</c>, poisons it.</remarks>
public sealed class ProcessActivityFunction(ProcessActivity process, ILogger<ProcessActivityFunction> logger)
{
    /// <summary>Processes one message.</summary>
    [Function(FunctionNames.ProcessActivity)]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.LeadActivityQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken)
    {
        var result = await process.RunAsync(LeadActivityMessage.Parse(message), cancellationToken);
        if (result.Dropped > 0)
            logger.LogWarning("{Result}", result);
        else
            logger.LogInformation("{Result}", result);
    }
}
