using System.Globalization;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Middleware;

/// <summary>The app's one catch for storage failures (<see cref="StorageFailure"/>), logged in one line (<see cref="StorageFailureLog"/>):
/// HTTP functions answer 503 problem+json with <c>Retry-After</c>; a timer function's run just ends.</summary>
/// <remarks>
/// Capture answers 202 only after the queue accepted the message, so an unreachable queue must never look like success.
/// A timer run that cannot reach storage did nothing the next run does not do (every timer job starts from what is stored), so
/// it is logged instead of ending in the worker's stack trace for a failed invocation.
/// Queue functions are left alone: their exception reaches the host, which retries and finally poisons the message.
/// </remarks>
public sealed class StorageFailureMiddleware(IOptions<LeadCaptureOptions> options, ILogger<StorageFailureMiddleware> logger)
    : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (StorageFailure.Of(e) is not null && context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            logger.LogError("Storage failed during {Function} ({Failure}): answering 503", context.FunctionDefinition.Name, StorageFailureLog.Summary(e));
            http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.GetInvocationResult().Value = Results.Problem(
                title: "Storage unavailable",
                detail: "Storage cannot be reached right now; nothing was accepted or changed. Please retry after the Retry-After seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (StorageFailure.Of(e) is not null && IsTimer(context))
        {
            logger.LogWarning("Storage failed during {Function} ({Failure}): this run did nothing, the next one tries again",
                context.FunctionDefinition.Name, StorageFailureLog.Summary(e));
        }
    }

    private static bool IsTimer(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.Any(b => b.Type.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase));
}
