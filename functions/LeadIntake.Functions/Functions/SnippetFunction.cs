using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary>Serves the embeddable form script landing pages load with one <c>&lt;script&gt;</c> tag.</summary>
public sealed class SnippetFunction
{
    /// <summary><c>GET /api/snippet.js</c>: the script, cacheable for five minutes (<see cref="SnippetScript"/>).</summary>
    [Function(FunctionNames.Snippet)]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionNames.SnippetRoute)] HttpRequest request) =>
        SnippetScript.Result(request.HttpContext.Response);
}
