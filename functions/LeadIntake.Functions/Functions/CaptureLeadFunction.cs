using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary><c>POST /api/leads</c>: a landing-page form; 202/303 only after the queue accepted it.</summary>
public sealed class CaptureLeadFunction(LeadCaptureHttp capture)
{
    /// <summary>Reads, validates and queues one submission.</summary>
    [Function(FunctionNames.CaptureLead)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionNames.CaptureLeadRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        capture.HandleAsync(request, cancellationToken);
}
