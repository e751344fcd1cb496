using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary><c>GET /api/leads.csv?stage=&amp;from=&amp;to=</c>: the lead list as a formula-safe CSV download.</summary>
public sealed class ExportLeadsFunction(LeadsCsvHttp leads)
{
    /// <summary>Streams the matching leads.</summary>
    [Function(FunctionNames.ExportLeads)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionNames.LeadsCsvRoute)] HttpRequest request) =>
        leads.HandleAsync(request);
}
