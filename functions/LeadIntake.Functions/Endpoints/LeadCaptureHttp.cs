using LeadIntake.Application.Capture;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The HTTP side of capture: read the form, check its origin and spam rules, validate it, queue it, answer the way the caller expects.</summary>
/// <remarks>
/// <para>
/// The order matters. The body is read; the form's settings come from the registry (<c>formId</c> field, else <c>?form=</c>);
/// a page on an origin the form does not allow is refused with 403 before anything else (<see cref="FormCors"/>). Then the
/// spam rules (honeypot, render token, links in names, disposable domains by form rule, rate limits): spam is answered
/// exactly like success and never queued, only counted (<see cref="ISpamLog"/>). Then validation and the form's required
/// fields: 400 naming the fields. Then the queue: 202 or 303 only after it accepted the message; storage failures
/// propagate to <see cref="Middleware.StorageFailureMiddleware"/> (503 + Retry-After).
/// </para>
/// <para>
/// JSON and <c>fetch()</c> callers get 202 with a receipt or 4xx problem+json; browser form posts get a 303 to an allowed
/// <c>_redirect</c>, the form's thank-you URL or the built-in thank-you page, or an escaped HTML error page. A submission
/// with an <c>Idempotency-Key</c> header (or <c>_idempotency_key</c> field) gets a submission id derived from the key and
/// the lead, so a double click or a retried post is one submission with one receipt.
/// </para>
/// </remarks>
public sealed class LeadCaptureHttp(
    CaptureLead capture,
    LeadIdentity identity,
    FormTokens tokens,
    IFormRegistryProvider forms,
    SubmissionRateLimiter rateLimiter,
    ISpamLog spamLog,
    IOptions<LeadCaptureOptions> options,
    TimeProvider timeProvider,
    ILogger<LeadCaptureHttp> logger)
{
    /// <summary>The request header naming a submission's idempotency key.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Longest accepted idempotency key.</summary>
    public const int MaxIdempotencyKeyLength = 100;

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

        var registry = await forms.GetAsync(cancellationToken);
        var fields = read.Fields ?? [];
        var posted = new RawLeadForm(fields);
        var form = registry.Resolve(posted.Last(LeadFieldNames.FormId) ?? request.Query["form"].ToString());
        var origin = FormCors.CrossOrigin(request);
        if (origin is not null && !form.AllowsOrigin(origin))
        {
            logger.LogInformation("Form {FormId}: refused a post from origin {Origin}; nothing queued", form.FormId, origin);
            return BrowserFormPost.Is(request)
                ? FormErrorPage(new Dictionary<string, string[]> { [LeadSubmissionParser.FormErrorKey] = [NotAllowed(form)] }, null, StatusCodes.Status403Forbidden)
                : FormCors.Refused(form.FormId);
        }

        FormCors.Allow(request.HttpContext.Response, origin);
        if (read.Fields is null)
            return Results.Problem(read.FailureDetail, statusCode: read.FailureStatus);

        var now = timeProvider.GetUtcNow();
        var isBrowser = BrowserFormPost.Is(request);
        var context = new CaptureContext(now, request.Headers.UserAgent.ToString(), request.Headers.Referer.ToString(), ClientAddress.Of(request.HttpContext));
        var token = tokens.Check(form.FormId, posted.Last(FormTokens.TokenField), now);
        // Honeypots are traps, not lead data: never stored, whatever their name.
        var leadFields = fields.Where(field => !SpamCheck.IsHoneypot(form, field.Key)).ToList();
        var parsed = LeadSubmissionParser.Parse(new RawLeadForm(leadFields), context, identity, LeadCaptureLimits.Default);
        var spam = SpamCheck.ReasonFor(form, fields, token)
            ?? (parsed.IsValid ? SpamCheck.ReasonFor(form, parsed.Value) : null)
            ?? rateLimiter.TryTake(form, identity.HashClientIp(context.ClientIp));
        if (spam is not null)
        {
            spamLog.Record(form.FormId, spam, now);
            logger.LogDebug("Form {FormId}: spam ({Reason}), answered like success and not queued", form.FormId, spam);
            var decoy = parsed.IsValid
                ? new LeadReceipt(parsed.Value.LeadId, parsed.Value.SubmissionId)
                : new LeadReceipt(identity.LeadIdFor(Guid.NewGuid().ToString("N") + "@spam.invalid"), LeadSubmissionParser.NewSubmissionId(now));
            return Success(request, form, posted, parsed.IsValid ? parsed.Value.PageUrl : null, decoy);
        }

        var errors = parsed.IsValid ? LandingFormRules.FieldErrors(form, parsed.Value, posted) : parsed.Errors;
        var idempotencyKey = IdempotencyKey(request, posted, out var keyError);
        if (keyError is not null)
            errors = new Dictionary<string, string[]>(errors) { [IdempotencyKeyHeader] = [keyError] };
        if (errors.Count > 0)
        {
            return isBrowser
                ? FormErrorPage(errors, RedirectPolicy.AllowedUrl(posted.Last(LeadFieldNames.PageUrl) ?? context.Referer, form, request), StatusCodes.Status400BadRequest)
                : Results.ValidationProblem(errors);
        }

        var submission = LandingFormRules.Apply(form, parsed.Value!);
        if (idempotencyKey is not null)
            submission = submission with { SubmissionId = identity.SubmissionIdFor(submission.LeadId, idempotencyKey) };
        var receipt = await capture.AcceptAsync(submission, cancellationToken);
        logger.LogDebug("Lead {LeadId}: submission {SubmissionId} queued", receipt.LeadId, receipt.SubmissionId);
        return Success(request, form, posted, submission.PageUrl, receipt);
    }

    private static IResult Success(HttpRequest request, LandingForm form, RawLeadForm posted, string? pageUrl, LeadReceipt receipt) =>
        BrowserFormPost.Is(request)
            ? new SeeOtherResult(RedirectPolicy.Resolve(form, posted.Last(RedirectPolicy.RedirectField), pageUrl, request))
            : Results.Accepted(null, receipt);

    private static string? IdempotencyKey(HttpRequest request, RawLeadForm posted, out string? error)
    {
        error = null;
        var key = request.Headers[IdempotencyKeyHeader].ToString().Trim();
        if (key.Length == 0)
            key = posted.Last(LeadFieldNames.IdempotencyKey) ?? "";
        if (key.Length == 0)
            return null;
        if (key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl))
        {
            error = $"The idempotency key must be 1 to {MaxIdempotencyKeyLength} printable characters.";
            return null;
        }

        return key;
    }

    private static string NotAllowed(LandingForm form) =>
        $"This page may not send the form '{form.FormId}'. Nothing was sent; please contact the site's owner.";

    private static HtmlPage FormErrorPage(IDictionary<string, string[]> errors, string? backUrl, int status)
    {
        var nonce = EmbeddedPage.NewNonce();
        return new HtmlPage(HtmlPages.FormErrors(errors, backUrl, nonce), HtmlPages.StaticContentSecurityPolicy(nonce), status);
    }
}
