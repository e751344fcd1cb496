using System.Text.Json;
using LeadIntake.Application.PersonalData;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The HTTP side of erasure (<c>DELETE /api/leads?email=</c>) and access (<c>GET /api/leads/export?email=</c>), admin key only.</summary>
/// <remarks>
/// <c>email</c> is the one parameter, normalised as capture normalises it; missing or not an address → 400 problem+json
/// naming <c>email</c>. A person nothing is stored about is answered 200 with zero counts or empty lists, not 404: "we
/// hold nothing" is an answer, not an error. Logs name the lead id (a keyed hash) only, never the email. Storage failures
/// propagate to the 503 middleware.
/// </remarks>
public sealed class PersonalDataHttp(ErasePerson erase, ExportPersonalData export, LeadIdentity identity, ILogger<PersonalDataHttp> logger)
{
    private static readonly string[] s_parameters = ["email"];

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    /// <summary>Erases the person: 200 <c>{ leadId, erasedAt, deleted: { table: rows }, deletedMessages: { queue: messages }, found }</c>.</summary>
    public async Task<IResult> EraseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (Subject(request, out var refusal) is not { } subject)
            return refusal!;
        var erased = await erase.RunAsync(subject, cancellationToken);
        logger.LogInformation(
            "Erased {LeadId}: {Rows} rows ({Tables}), {Messages} dead-letter messages",
            subject.LeadId, erased.Deleted.Values.Sum(), string.Join(", ", erased.Deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")),
            erased.DeletedMessages.Values.Sum());
        return Results.Ok(erased);
    }

    /// <summary>Everything stored about the person, as a JSON download (<c>Content-Disposition: attachment</c>, never cached).</summary>
    public async Task<IResult> ExportAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (Subject(request, out var refusal) is not { } subject)
            return refusal!;
        var data = await export.RunAsync(subject, cancellationToken);
        logger.LogInformation("Exported the personal data of {LeadId}: {Rows} rows", subject.LeadId, data.Tables.Values.Sum(rows => rows.Count));
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.File(JsonSerializer.SerializeToUtf8Bytes(data, s_json), "application/json", $"personal-data-{subject.LeadId}.json");
    }

    private DataSubject? Subject(HttpRequest request, out IResult? refusal)
    {
        var errors = new ApiFieldErrors();
        var query = new ApiQuery(request.Query, errors, s_parameters);
        var email = query.Text("email");
        DataSubject? subject = null;
        if (email is null)
        {
            if (!errors.ToDictionary().ContainsKey("email"))
                errors.Add("email", "required: the person's email address, e.g. ?email=jane%40example.com");
        }
        else
        {
            subject = DataSubject.From(email, identity, out var problem);
            if (subject is null)
                errors.Add("email", problem);
        }

        refusal = errors.IsEmpty ? null : Results.ValidationProblem(errors.ToDictionary(), title: "The request does not name a person.");
        return errors.IsEmpty ? subject : null;
    }
}
