using LeadIntake.Application.Csv;
using LeadIntake.Application.Export;
using LeadIntake.Application.Kpis;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Functions.Endpoints;

/// <summary>
/// The HTTP side of <c>GET /api/kpis</c>, <c>GET /api/kpis.csv</c> and <c>GET /api/kpis/plan</c>: read the query string
/// strictly, run the use case, answer JSON or CSV.
/// </summary>
/// <remarks>
/// KPIs: <c>from</c>, <c>to</c> (UTC days <c>yyyy-MM-dd</c>, inclusive; default the last <see cref="DefaultDays"/> days to
/// today), <c>groupBy</c> (<c>all</c>, <c>channel</c>, <c>campaign</c>, <c>form</c>, <c>owner</c>; default <c>all</c>),
/// <c>period</c> (<c>day</c>, <c>week</c>, <c>month</c>; default <c>month</c>). Plan: <c>revenueGoal</c> and
/// <c>averageDealSize</c> (1 to 10¹²), <c>marketingShare</c> (0.0001–1), <c>period</c> (<c>month</c>, <c>quarter</c>,
/// <c>year</c>; default <c>year</c>), optional <c>leadToMql</c>, <c>mqlToSql</c>, <c>sqlToWon</c> overrides
/// (<see cref="MinRate"/>–1). Every bad parameter: 400
/// problem+json naming it; an unusable plan input (<see cref="PlanInputException"/>) likewise. Storage failures propagate to
/// the 503 middleware.
/// </remarks>
public sealed class KpisHttp(QueryKpis kpis, PlanMarketing plan, TimeProvider timeProvider)
{
    /// <summary>Days the KPIs cover when <c>from</c> is not given: the 90 days up to <c>to</c>.</summary>
    public const int DefaultDays = 90;

    /// <summary>Smallest marketing share or stage rate a plan request may give (0.01 %).</summary>
    public const double MinRate = 0.0001;

    private static readonly string[] _kpiParameters = ["from", "to", "groupBy", "period"];
    private static readonly string[] _planParameters = ["revenueGoal", "marketingShare", "averageDealSize", "period", "leadToMql", "mqlToSql", "sqlToWon"];

    /// <summary><c>GET /api/kpis</c>: the report as JSON.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (query, refusal) = Read(request.Query);
        return query is null ? refusal! : Results.Ok(await kpis.RunAsync(query, cancellationToken));
    }

    /// <summary><c>GET /api/kpis.csv</c>: the report's totals, segments and series as a CSV download (see <see cref="KpiCsv"/>).</summary>
    public async Task<IResult> GetCsvAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (query, refusal) = Read(request.Query);
        if (query is null)
            return refusal!;
        var report = await kpis.RunAsync(query, cancellationToken);
        // Owners' names are in it when grouped by owner: a download, never cached.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        // A report is a few hundred rows at most (segments plus periods): written whole, then sent.
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, CsvWriter.Encoding, leaveOpen: true))
            await KpiCsv.WriteAsync(report, writer, cancellationToken);
        return Results.File(
            buffer.ToArray(), CsvWriter.ContentType, LeadsCsvHttp.FileName("kpis", report.GroupBy, query.From, query.To));
    }

    /// <summary><c>GET /api/kpis/plan</c>: the marketing SLA calculator.</summary>
    public async Task<IResult> GetPlanAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new ApiFieldErrors();
        var parameters = new ApiQuery(request.Query, errors, _planParameters);
        // Bounds keep the plan's arithmetic finite: at most 10^12 ÷ 1 customers, divided by rates of at least 0.01 %.
        var revenueGoal = parameters.Number("revenueGoal", 1, (double)MarketingSpendInput.MaxAmount, required: true);
        var share = parameters.Number("marketingShare", MinRate, 1, required: true);
        var dealSize = parameters.Number("averageDealSize", 1, (double)MarketingSpendInput.MaxAmount, required: true);
        var period = parameters.Code("period", PlanPeriodCodes.Table, PlanPeriod.Year);
        var leadToMql = parameters.Number("leadToMql", MinRate, 1, required: false);
        var mqlToSql = parameters.Number("mqlToSql", MinRate, 1, required: false);
        var sqlToWon = parameters.Number("sqlToWon", MinRate, 1, required: false);
        if (!errors.IsEmpty || revenueGoal is null || share is null || dealSize is null || period is null)
            return Results.ValidationProblem(errors.ToDictionary(), title: "The plan parameters are not valid.");

        try
        {
            return Results.Ok(await plan.RunAsync(
                new PlanQuery((decimal)revenueGoal.Value, share.Value, (decimal)dealSize.Value, period.Value, leadToMql, mqlToSql, sqlToWon), cancellationToken));
        }
        catch (PlanInputException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, title: "The plan cannot be calculated.");
        }
    }

    private (KpiQuery?, IResult?) Read(IQueryCollection query)
    {
        var errors = new ApiFieldErrors();
        var parameters = new ApiQuery(query, errors, _kpiParameters);
        var to = parameters.Date("to", KpiCalendar.DayOf(timeProvider.GetUtcNow()));
        var from = parameters.Date("from", to?.AddDays(1 - DefaultDays));
        var groupBy = parameters.Code("groupBy", KpiDimensionCodes.Table, KpiDimension.All);
        var period = parameters.Code("period", KpiPeriodCodes.Table, KpiPeriod.Month);
        if (errors.IsEmpty && from is not null && to is not null && groupBy is not null && period is not null)
        {
            var kpiQuery = new KpiQuery(from.Value, to.Value, groupBy.Value, period.Value);
            if (kpiQuery.Problem() is not { } problem)
                return (kpiQuery, null);
            errors.Add(problem.Field, problem.Message);
        }

        return (null, Results.ValidationProblem(errors.ToDictionary(), title: "The KPI parameters are not valid."));
    }
}
