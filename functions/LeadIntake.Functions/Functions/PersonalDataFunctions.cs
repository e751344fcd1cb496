using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary><c>DELETE /api/leads?email=</c> (admin key): erases every row and dead-letter message of one person.</summary>
public sealed class EraseLeadFunction(PersonalDataHttp personalData)
{
    /// <summary>Erases the person the email names.</summary>
    [Function(FunctionNames.EraseLead)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = FunctionNames.CaptureLeadRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        personalData.EraseAsync(request, cancellationToken);
}

/// <summary><c>GET /api/leads/export?email=</c> (admin key): everything stored about one person, as a JSON download.</summary>
public sealed class ExportPersonalDataFunction(PersonalDataHttp personalData)
{
    /// <summary>Exports the person the email names.</summary>
    [Function(FunctionNames.ExportPersonalData)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = FunctionNames.PersonalDataExportRoute)] HttpRequest request,
        CancellationToken cancellationToken) =>
        personalData.ExportAsync(request, cancellationToken);
}
