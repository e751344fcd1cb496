using LeadIntake.Application.Processing;

namespace LeadIntake.Application.Webhooks;

/// <summary>
/// The <see cref="ISalesHandoffQueue"/> the use cases are given: sends a hand-off to the <c>sales-handoff</c> queue, then,
/// when the webhook is on, queues its first webhook delivery on <c>handoff-webhook</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ProcessLead"/> and <see cref="SweepSalesHandoffs"/> clear a hand-off from its lead's outbox only after
/// <see cref="SendAsync"/> returned, so the webhook delivery is as safe as the queue message: if queueing it fails the
/// call throws, the outbox row stays, and the retry (or the sweep) sends both again. Both are therefore at least once,
/// and a retry may repeat the <c>sales-handoff</c> message; consumers of each drop duplicates by the hand-off id.
/// </para>
/// <para>The webhook is never called here: capture and processing never wait on a receiver. Thread-safe.</para>
/// </remarks>
public sealed class SalesHandoffDispatcher(ISalesHandoffQueue salesHandoffs, IHandoffWebhookQueue webhooks, HandoffWebhookOptions options) : ISalesHandoffQueue
{
    /// <summary>Sends <paramref name="message"/> to sales, then queues its webhook delivery when the webhook is on.</summary>
    public async Task SendAsync(SalesHandoffMessage message, CancellationToken cancellationToken)
    {
        await salesHandoffs.SendAsync(message, cancellationToken);
        if (options.IsEnabled)
            await webhooks.SendAsync(HandoffWebhookDelivery.For(message), TimeSpan.Zero, cancellationToken);
    }
}
