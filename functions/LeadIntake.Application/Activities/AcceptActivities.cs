using LeadIntake.Domain.Activities;

namespace LeadIntake.Application.Activities;

/// <summary>The accepting half of <c>POST /api/activities</c>: queue validated events, one lead's events per message.</summary>
/// <remarks>
/// Returns only after the queue accepted every message, so a 202 means every event is queued. When a send fails part-way
/// the caller answers 503 and the sender retries the whole request: the events already queued are replays then, and
/// <see cref="ProcessActivity"/> stores each once. Thread-safe.
/// </remarks>
public sealed class AcceptActivities(ILeadActivityQueue queue, TimeProvider timeProvider)
{
    /// <summary>Queues <paramref name="events"/> (lead id, event) and returns how many messages were sent.</summary>
    public async Task<int> AcceptAsync(IReadOnlyList<(string LeadId, LeadActivity Activity)> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var receivedAt = timeProvider.GetUtcNow();
        var messages = events
            .GroupBy(e => e.LeadId, StringComparer.Ordinal)
            .SelectMany(lead => lead.Select(e => e.Activity).Chunk(LeadActivityMessage.MaxEvents).Select(chunk =>
                new LeadActivityMessage(LeadActivityMessage.CurrentVersion, NewBatchId(receivedAt), lead.Key, receivedAt, chunk)))
            .ToList();
        await Task.WhenAll(messages.Select(message => queue.SendAsync(message, cancellationToken)));
        return messages.Count;
    }

    /// <summary>A new batch id: <c>act_</c> and a time-ordered GUID.</summary>
    private static string NewBatchId(DateTimeOffset receivedAt) => "act_" + Guid.CreateVersion7(receivedAt).ToString("N");
}
