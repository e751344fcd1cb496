using LeadIntake.Application.Capture;
using LeadIntake.Domain.Capture;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The HTTP side of capture: read the form, validate it, queue it, answer the way the caller expects.</summary>
/// <remarks>
/// JSON and <c>fetch()</c> callers get 202 with a receipt or 4xx problem+json naming the fields; browser form posts get a
/// 303 to the thank-you page (or an allowed <c>_redirect</c>) or an escaped HTML error page. Storage failures propagate
/// to <see cref="Middleware.StorageFailureMiddleware"/> (503 + Retry-After): nothing is answered 202 unless queued.
/// </remarks>
public sealed class LeadCaptureHttp(
    CaptureLead capture,
    LeadIdentity identity,
    RedirectPolicy redirects,
    IOptions<LeadCaptureOptions> options,
    TimeProvider timeProvider,
    ILogger<LeadCaptureHttp> logger)
{
    /// <summary>Handles one <c>POST /api/leads</c>.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await LeadFormReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (read.IsClientGone)
        {
            // An ordinary event on the internet (a closed tab, a dropped mobile connection), not an error to trace.
            logger.LogInformation("Lead form client disconnected before its body was read; nothing queued");
            return Results.Empty;
        }

        if (read.Fields is null)
            return Results.Problem(read.FailureDetail, statusCode: read.FailureStatus);

        var isBrowser = BrowserFormPost.Is(request);
        var redirect = read.Fields.LastOrDefault(field => field.Key == RedirectPolicy.RedirectField).Value;
        var context = new CaptureContext(
            timeProvider.GetUtcNow(), request.Headers.UserAgent.ToString(), request.Headers.Referer.ToString(), ClientAddress.Of(request.HttpContext));

        var parsed = LeadSubmissionParser.Parse(new RawLeadForm(read.Fields), context, identity, LeadCaptureLimits.Default);
        if (!parsed.IsValid)
        {
            return isBrowser
                ? Results.Content(HtmlPages.FormErrors(parsed.Errors, FunctionNames.PublicPath(FunctionNames.DemoPageRoute)), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest)
                : Results.ValidationProblem(parsed.Errors);
        }

        var receipt = await capture.AcceptAsync(parsed.Value, cancellationToken);
        logger.LogDebug("Lead {LeadId}: submission {SubmissionId} queued", receipt.LeadId, receipt.SubmissionId);
        return isBrowser ? new SeeOtherResult(redirects.Resolve(redirect)) : Results.Accepted(null, receipt);
    }
}
