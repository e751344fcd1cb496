using LeadIntake.Application.Webhooks;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LeadIntake.Functions.Functions;

/// <summary>Queue <c>handoff-webhook</c>: POST one sales hand-off, signed, to the webhook (see <see cref="DeliverHandoffWebhook"/>).</summary>
/// <remarks>
/// A failed attempt before the last is re-queued with back-off by the use case and this returns normally. A malformed
/// message, a failed last attempt or a storage failure throws: the host retries it and, after <c>maxDequeueCount</c>,
/// moves it to <c>handoff-webhook-poison</c>.
/// </remarks>
public sealed class DeliverHandoffWebhookFunction(DeliverHandoffWebhook deliver, ILogger<DeliverHandoffWebhookFunction> logger)
{
    /// <summary>Sends one delivery attempt.</summary>
    [Function(FunctionNames.DeliverHandoffWebhook)]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.HandoffWebhookQueue, Connection = StorageNames.Connection)] string message,
        CancellationToken cancellationToken)
    {
        var result = await deliver.RunAsync(HandoffWebhookDelivery.Parse(message), cancellationToken);
        logger.Log(result.Delivered ? LogLevel.Information : LogLevel.Warning, "{Result}", result);
    }
}
