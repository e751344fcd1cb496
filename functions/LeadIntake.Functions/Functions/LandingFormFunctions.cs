using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary>What a landing page on another site needs besides capture: the CORS preflight and its render token.</summary>
public sealed class LandingFormFunctions(LandingFormHttp forms)
{
    /// <summary><c>OPTIONS /api/leads</c>: the CORS preflight of a cross-origin <c>fetch()</c> post.</summary>
    [Function(FunctionNames.CaptureLeadPreflight)]
    public Task<IResult> PreflightAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = FunctionNames.CaptureLeadRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        forms.PreflightAsync(request, cancellationToken);

    /// <summary><c>GET /api/forms/{form}/token</c>: a signed render token for the form.</summary>
    [Function(FunctionNames.FormToken)]
    public Task<IResult> TokenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionNames.FormTokenRoute)] HttpRequest request,
        string form,
        CancellationToken cancellationToken) =>
        forms.TokenAsync(request, form, cancellationToken);
}
