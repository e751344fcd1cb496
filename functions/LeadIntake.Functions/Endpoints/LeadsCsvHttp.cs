using System.Globalization;
using LeadIntake.Application.Csv;
using LeadIntake.Application.Export;
using LeadIntake.Domain.Funnel;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The HTTP side of <c>GET /api/leads.csv?stage=&amp;from=&amp;to=</c>: the lead list as a formula-safe CSV download.</summary>
/// <remarks>
/// <c>stage</c> is a stage code (<c>MQL</c>, case-insensitive); <c>from</c> and <c>to</c> are UTC days <c>yyyy-MM-dd</c>,
/// both inclusive, on the lead's FirstSeenAt; each is optional. Bad parameters: 400 problem+json naming them. The rows
/// are streamed as storage returns them (see <see cref="ExportLeads"/>); columns in <see cref="ExportLeads.Columns"/>.
/// Personal data, so <c>Cache-Control: no-store</c>.
/// </remarks>
public sealed class LeadsCsvHttp(ExportLeads export)
{
    private static readonly string[] _parameters = ["stage", "from", "to"];

    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        var errors = new ApiFieldErrors();
        var query = new ApiQuery(request.Query, errors, _parameters);
        FunnelStage? stage = null;
        if (query.Text("stage") is { } code)
        {
            if (FunnelStageCodes.TryParse(code, out var parsed))
                stage = parsed;
            else
                errors.Add("stage", $"unknown stage '{code}'; expected one of {string.Join(", ", Enum.GetValues<FunnelStage>().Select(FunnelStageCodes.ToCode))}");
        }

        var from = query.Date("from");
        var to = query.Date("to");
        if (from is { } f && to is { } t && t < f)
            errors.Add("to", "must be on or after from");
        if (!errors.IsEmpty)
            return Results.ValidationProblem(errors.ToDictionary(), title: "The export parameters are not valid.");

        // Names, emails and companies: never kept by a browser or proxy cache.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        // Rows are read while the response is written, after the function returned: the request's own abort token cancels them.
        var aborted = request.HttpContext.RequestAborted;
        var started = await export.StartAsync(
            new LeadExportQuery(stage, from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
            aborted);
        return Results.Stream(
            async body =>
            {
                await using (started)
                {
                    await using var writer = new StreamWriter(body, CsvWriter.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
                    await started.WriteAsync(writer, aborted);
                }
            },
            CsvWriter.ContentType,
            FileName("leads", stage is { } s ? FunnelStageCodes.ToCode(s) : null, from, to));
    }

    /// <summary>A download's file name: <c>{name}[-{part}][-{from}][_{to}].csv</c>, e.g. <c>leads-MQL-2026-01-01_2026-03-31.csv</c>.</summary>
    public static string FileName(string name, string? part, DateOnly? from, DateOnly? to)
    {
        var fileName = name + (part is null ? "" : "-" + part);
        if (from is not null || to is not null)
            fileName += "-" + Day(from) + "_" + Day(to);
        return fileName + ".csv";

        static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "any";
    }
}
