namespace LeadIntake.Application.Processing;

/// <summary>Sends committed hand-offs and clears them from their lead's outbox: the one way a hand-off leaves the pipeline.</summary>
/// <remarks>Send first, clear second: a failure between the two resends it later (consumers drop repeats by handoff id). Thread-safe.</remarks>
public sealed class HandoffSender(ILeadStore leads, ISalesHandoffQueue queue)
{
    /// <summary>Sends and clears each of <paramref name="handoffs"/>; returns how many.</summary>
    public async Task<int> SendAsync(IEnumerable<SalesHandoffMessage> handoffs, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var handoff in handoffs)
        {
            await queue.SendAsync(handoff, cancellationToken);
            await leads.RemoveHandoffAsync(handoff, cancellationToken);
            sent++;
        }

        return sent;
    }
}
