using Azure;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Pipeline;

namespace LeadIntake.Functions.Triggers;

/// <summary>The queue-triggered functions as the Functions host invokes them: <c>POST /{FunctionName}</c>.</summary>
/// <remarks>
/// Success is 200 with <see cref="InvocationResponse"/>; any failure (a malformed message throws, storage failures
/// become 503) is a non-2xx, so the host retries the message and finally moves it to the poison queue.
/// </remarks>
public static class PipelineTriggers
{
    /// <summary>Maps <c>POST /ProcessLead</c>.</summary>
    public static IEndpointRouteBuilder MapPipelineTriggers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + FunctionNames.ProcessLead, ProcessLeadAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ProcessLeadAsync(
        InvocationRequest invocation, ProcessLeadStep step, ILogger<ProcessLeadStep> logger, CancellationToken cancellationToken)
    {
        if (!invocation.Data.TryGetValue(FunctionNames.ProcessLeadMessageBinding, out var value))
        {
            return TypedResults.Problem(
                $"The invocation has no '{FunctionNames.ProcessLeadMessageBinding}' binding value.", statusCode: StatusCodes.Status400BadRequest);
        }

        var messageId = invocation.MetadataText("Id");
        var dequeueCount = invocation.MetadataInt64("DequeueCount");
        logger.LogInformation("{Function} invoked for message {MessageId} (attempt {DequeueCount})", FunctionNames.ProcessLead, messageId, dequeueCount);

        try
        {
            var result = await step.RunAsync(InvocationValue.AsText(value), cancellationToken);
            return TypedResults.Json(new InvocationResponse { Logs = [.. result.LogLines] });
        }
        catch (Exception e) when (e is not (RequestFailedException or OperationCanceledException))
        {
            // Any failure must reach the host as a non-2xx so it retries, then poisons, the message.
            logger.LogError(e, "{Function} failed for message {MessageId} (attempt {DequeueCount})", FunctionNames.ProcessLead, messageId, dequeueCount);
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status500InternalServerError, title: e.GetType().Name);
        }
    }
}
