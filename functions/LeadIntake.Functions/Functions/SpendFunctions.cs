using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary><c>POST /api/spend</c>: marketing spend per month and channel or campaign, as JSON or CSV.</summary>
public sealed class RecordSpendFunction(SpendHttp spend)
{
    /// <summary>Validates and stores the rows.</summary>
    [Function(FunctionNames.RecordSpend)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = FunctionNames.SpendRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        spend.HandleAsync(request, cancellationToken);
}
