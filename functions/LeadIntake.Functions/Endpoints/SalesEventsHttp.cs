using System.Text.Json;
using LeadIntake.Application.Sales;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Sales;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The HTTP side of <c>POST /api/leads/{lead}/sales-events</c>: what sales reports back, applied at once.</summary>
/// <remarks>
/// <c>{lead}</c> is a lead id (<c>ld_…</c>) or the lead's email address (URL-encoded). The body is
/// <c>{ "id", "type", "actor", "at"?, "reason"?, "amount"?, "note"? }</c>; <c>at</c> defaults to now. Answers: 200 with
/// where the lead stands (<c>applied: false</c> for a repeated id, which changes nothing); 400 problem+json naming the
/// fields; 404 for no such lead; 409 problem+json naming <c>from</c>, <c>to</c> and the allowed moves when the funnel does
/// not allow the move — and then nothing is written.
/// </remarks>
public sealed class SalesEventsHttp(RecordSalesEvent record, LeadIdentity identity, TimeProvider timeProvider)
{
    /// <summary>Largest request body.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Longest note.</summary>
    public const int MaxNoteLength = 2000;

    private static readonly string[] _fields = ["id", "type", "actor", "at", "reason", "amount", "note"];

    /// <summary>Handles one request for the lead named by <paramref name="lead"/>.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, string lead, CancellationToken cancellationToken)
    {
        var leadId = LeadIdOf(Uri.UnescapeDataString(lead ?? ""));
        if (leadId is null)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["lead"] = ["must be a lead id (ld_…) or the lead's email address"] });

        var (body, refusal) = await JsonApiBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
            return refusal!;

        SalesEvent? salesEvent;
        ApiFieldErrors errors;
        using (body)
            (salesEvent, errors) = Read(body.RootElement, timeProvider.GetUtcNow());
        if (salesEvent is null)
            return Results.ValidationProblem(errors.ToDictionary(), title: "The sales event is not valid; nothing was recorded.");

        try
        {
            var result = await record.RunAsync(leadId, salesEvent, cancellationToken);
            return result is null
                ? Results.Problem($"No lead {leadId}.", statusCode: StatusCodes.Status404NotFound, title: "No such lead")
                : Results.Ok(result);
        }
        catch (FunnelTransitionException e)
        {
            return Results.Problem(
                e.Message, statusCode: StatusCodes.Status409Conflict, title: "Stage move not allowed",
                extensions: new Dictionary<string, object?>
                {
                    ["from"] = e.From is { } from ? FunnelStageCodes.ToCode(from) : null,
                    ["to"] = FunnelStageCodes.ToCode(e.To),
                    ["allowed"] = e.From is { } current ? FunnelTransitions.AllowedFrom(current).Select(FunnelStageCodes.ToCode).ToArray() : [],
                });
        }
    }

    private string? LeadIdOf(string lead)
    {
        if (LeadIdentity.IsLeadId(lead))
            return lead;
        return lead.Contains('@', StringComparison.Ordinal) && EmailAddress.TryNormalise(lead, LeadCaptureLimits.Default.MaxEmailLength, out var email, out _)
            ? identity.LeadIdFor(email)
            : null;
    }

    private static (SalesEvent?, ApiFieldErrors) Read(JsonElement item, DateTimeOffset now)
    {
        var errors = new ApiFieldErrors();
        if (!errors.RequireObject(item, "", _fields))
            return (null, errors);

        var id = errors.Id(item, "id", "");
        var typeCode = errors.String(item, "type", "", required: true, ApiFieldErrors.MaxIdLength);
        SalesEventType? type = null;
        if (typeCode is not null)
        {
            if (SalesEventTypeCodes.TryParse(typeCode, out var parsed))
                type = parsed;
            else
                errors.Add("type", $"unknown sales event type '{typeCode}'; expected one of {string.Join(", ", SalesEventTypeCodes.All)}");
        }

        var actor = errors.String(item, "actor", "", required: true, 200);
        var at = errors.Time(item, "at", "", required: false, now, fallback: now);
        var reason = errors.String(item, "reason", "", required: type is { } t && SalesEventTypeCodes.NeedsReason(t), 64);
        if (reason is not null && reason.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
        {
            errors.Add("reason", "must be a reason code: lower-case letters, digits and _ (e.g. no_budget)");
            reason = null;
        }

        decimal? amount = null;
        if (item.TryGetProperty("amount", out var amountValue) && amountValue.ValueKind != JsonValueKind.Null)
        {
            if (amountValue.ValueKind == JsonValueKind.Number && amountValue.TryGetDecimal(out var parsedAmount) && parsedAmount >= 0)
                amount = parsedAmount;
            else
                errors.Add("amount", "must be a number ≥ 0");
        }

        var note = errors.String(item, "note", "", required: false, MaxNoteLength);
        return errors.IsEmpty && id is not null && type is not null && actor is not null && at is not null
            ? (new SalesEvent(id, type.Value, actor, at.Value, reason, amount, note), errors)
            : (null, errors);
    }
}
