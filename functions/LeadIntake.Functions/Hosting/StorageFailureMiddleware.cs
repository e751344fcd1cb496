using Azure;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Hosting;

/// <summary>The app's one catch for storage failures: <see cref="RequestFailedException"/> becomes 503 + <c>Retry-After</c>.</summary>
/// <remarks>
/// Capture answers 202 only after the queue accepted the message, so an unreachable queue must never look like
/// success; for the host's queue invocations the 503 is a failure too, so the message is retried.
/// </remarks>
public sealed class StorageFailureMiddleware(RequestDelegate next, IOptions<LeadCaptureOptions> options, ILogger<StorageFailureMiddleware> logger)
{
    /// <summary>Runs the rest of the pipeline, translating storage failures.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (RequestFailedException e) when (!context.Response.HasStarted)
        {
            logger.LogError(e, "Storage failed during {Method} {Path}: {Status} {ErrorCode}",
                context.Request.Method, context.Request.Path, e.Status, e.ErrorCode);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                    title: "Storage unavailable",
                    detail: "The lead could not be stored right now; nothing was accepted. Please retry.",
                    statusCode: StatusCodes.Status503ServiceUnavailable)
                .ExecuteAsync(context);
        }
    }
}
