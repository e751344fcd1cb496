using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Application.Processing;

/// <summary>Where leads, their stage history, score snapshots and unsent sales hand-offs are kept.</summary>
/// <remarks>
/// The idempotent write protocol lives behind this port: the rows a submission produces have deterministic keys and are
/// written before the lead, and the lead is committed only if it did not change since it was read, together with its
/// hand-off (one transaction), so a hand-off is never committed without its lead nor lost after it. Every save also writes
/// the lead's open deadlines (<see cref="Domain.Sla.LeadDeadlines.Of"/>) to the deadline index before the lead, so a
/// committed deadline is always found by the SLA clock.
/// </remarks>
public interface ILeadStore
{
    /// <summary>The lead with id <paramref name="leadId"/> and its version; null when there is none.</summary>
    Task<StoredLead?> FindAsync(string leadId, CancellationToken cancellationToken);

    /// <summary>Records what processing <paramref name="submission"/> produced and commits the lead with <paramref name="handoff"/>.</summary>
    /// <param name="submission">The submission processed.</param>
    /// <param name="outcome">The merge, score and stage changes; must have a score.</param>
    /// <param name="basedOn">The stored lead the outcome was computed from, or null for a new lead.</param>
    /// <param name="handoff">The hand-off to keep in the lead's outbox until sent, or null.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>False when the lead changed since <paramref name="basedOn"/> was read: merge again.</returns>
    Task<bool> TrySaveAsync(
        LeadSubmission submission, LeadProcessingOutcome outcome, StoredLead? basedOn, SalesHandoffMessage? handoff,
        CancellationToken cancellationToken);

    /// <summary>Commits a lead changed by something other than a submission (behaviour events, a sales event, a deadline).</summary>
    /// <param name="lead">The lead to store.</param>
    /// <param name="changes">Its stage changes, recorded under <paramref name="causeId"/>.</param>
    /// <param name="causeId">What caused them (activity batch, sales event or deadline id): with the change time and sequence it keys the history rows.</param>
    /// <param name="basedOn">The stored lead the change was computed from.</param>
    /// <param name="handoff">The hand-off to keep in the lead's outbox until sent, or null.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>False when the lead changed since <paramref name="basedOn"/> was read: read and apply again.</returns>
    Task<bool> TryUpdateAsync(
        Lead lead, IReadOnlyList<StageChange> changes, string causeId, StoredLead basedOn, SalesHandoffMessage? handoff, CancellationToken cancellationToken);

    /// <summary>Removes a sent hand-off from its lead's outbox (no error when it is already gone).</summary>
    Task RemoveHandoffAsync(SalesHandoffMessage handoff, CancellationToken cancellationToken);

    /// <summary>The hand-offs committed with lead <paramref name="leadId"/> and not yet sent.</summary>
    Task<IReadOnlyList<SalesHandoffMessage>> FindUnsentHandoffsAsync(string leadId, CancellationToken cancellationToken);

    /// <summary>Every unsent hand-off committed before <paramref name="committedBefore"/>, across all leads.</summary>
    IAsyncEnumerable<SalesHandoffMessage> FindUnsentHandoffsAsync(DateTimeOffset committedBefore, CancellationToken cancellationToken);
}

/// <summary>A lead as stored.</summary>
/// <param name="Lead">The lead.</param>
/// <param name="Version">Opaque concurrency token (the row's ETag).</param>
public sealed record StoredLead(Lead Lead, string Version);

/// <summary>The <c>sales-handoff</c> queue.</summary>
public interface ISalesHandoffQueue
{
    /// <summary>Sends <paramref name="message"/>; returns once the queue accepted it.</summary>
    Task SendAsync(SalesHandoffMessage message, CancellationToken cancellationToken);
}
