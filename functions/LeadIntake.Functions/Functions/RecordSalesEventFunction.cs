using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary><c>POST /api/leads/{lead}/sales-events</c>: accepted, contacted, qualified, won, lost… applied at once.</summary>
public sealed class RecordSalesEventFunction(SalesEventsHttp salesEvents)
{
    /// <summary>Applies one sales event.</summary>
    [Function(FunctionNames.RecordSalesEvent)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = FunctionNames.SalesEventsRoute)] HttpRequest request,
        string lead,
        CancellationToken cancellationToken) =>
        salesEvents.HandleAsync(request, lead, cancellationToken);
}
