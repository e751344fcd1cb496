using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary><c>GET /api/kpis</c>, <c>/api/kpis.csv</c> and <c>/api/kpis/plan</c>: the funnel KPIs and the marketing SLA calculator.</summary>
public sealed class KpiFunctions(KpisHttp kpis)
{
    /// <summary>The KPI report as JSON.</summary>
    [Function(FunctionNames.QueryKpis)]
    public Task<IResult> GetKpisAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionNames.KpisRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        kpis.GetAsync(request, cancellationToken);

    /// <summary>The KPI report's rows as a CSV download.</summary>
    [Function(FunctionNames.ExportKpis)]
    public Task<IResult> GetKpisCsvAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionNames.KpisCsvRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        kpis.GetCsvAsync(request, cancellationToken);

    /// <summary>The marketing plan for a revenue goal.</summary>
    [Function(FunctionNames.PlanMarketing)]
    public Task<IResult> GetPlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionNames.KpiPlanRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        kpis.GetPlanAsync(request, cancellationToken);
}

/// <summary><c>GET /api/dashboard</c>: the KPI dashboard page, which fetches the KPI API with the same function key.</summary>
public sealed class DashboardFunction
{
    /// <summary>Serves the page.</summary>
    [Function(FunctionNames.Dashboard)]
    public IResult Show(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionNames.DashboardRoute)] HttpRequest request) =>
        DashboardPage.Result();
}
