using LeadIntake.Application.Processing;
using LeadIntake.Domain.Capture;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Functions;

/// <summary>Queue <c>lead-captured</c>: enrich, merge, score, stage, record, hand SQLs over.</summary>
/// <remarks>A malformed message or a storage failure throws: the host retries it and, after <c>maxDequeueCount</c>, poisons it.</remarks>
public sealed class ProcessLeadFunction(ProcessLead process, ILogger<ProcessLeadFunction> logger)
{
    /// <summary>Processes one captured submission.</summary>
    [Function(FunctionNames.ProcessLead)]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.LeadCapturedQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken)
    {
        var result = await process.RunAsync(LeadSubmissionMessage.Deserialize(message), cancellationToken);
        logger.LogInformation("{Result}", result);
    }
}
