using System.Collections.Concurrent;
using LeadIntake.Application.Processing;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;

namespace LeadIntake.DemoHistory;

/// <summary>The lead store, remembering each lead as last committed, so the generator can follow a lead without reading it back.</summary>
/// <remarks>
/// Every commit of the demo goes through this one store (its use cases and the SLA clock share it), so <see cref="Latest"/> is the
/// lead as storage holds it. Reading it back costs nothing; a read of Azurite would be one request in eight of the whole run.
/// Thread-safe.
/// </remarks>
internal sealed class CommittedLeads(ILeadStore store) : ILeadStore
{
    private readonly ConcurrentDictionary<string, Lead> _latest = new(StringComparer.Ordinal);

    /// <summary>Lead <paramref name="leadId"/> as last committed, or null before its first commit.</summary>
    public Lead? Latest(string leadId) => _latest.GetValueOrDefault(leadId);

    public Task<StoredLead?> FindAsync(string leadId, CancellationToken cancellationToken) => store.FindAsync(leadId, cancellationToken);

    public async Task<bool> TrySaveAsync(
        LeadSubmission submission, LeadProcessingOutcome outcome, StoredLead? basedOn, SalesHandoffMessage? handoff,
        CancellationToken cancellationToken)
    {
        var saved = await store.TrySaveAsync(submission, outcome, basedOn, handoff, cancellationToken);
        if (saved)
            _latest[outcome.Lead.LeadId] = outcome.Lead;
        return saved;
    }

    public async Task<bool> TryUpdateAsync(
        Lead lead, IReadOnlyList<StageChange> changes, string causeId, StoredLead basedOn, SalesHandoffMessage? handoff, CancellationToken cancellationToken)
    {
        var saved = await store.TryUpdateAsync(lead, changes, causeId, basedOn, handoff, cancellationToken);
        if (saved)
            _latest[lead.LeadId] = lead;
        return saved;
    }

    public Task RemoveHandoffAsync(SalesHandoffMessage handoff, CancellationToken cancellationToken) => store.RemoveHandoffAsync(handoff, cancellationToken);

    public Task<IReadOnlyList<SalesHandoffMessage>> FindUnsentHandoffsAsync(string leadId, CancellationToken cancellationToken) =>
        store.FindUnsentHandoffsAsync(leadId, cancellationToken);

    public IAsyncEnumerable<SalesHandoffMessage> FindUnsentHandoffsAsync(DateTimeOffset committedBefore, CancellationToken cancellationToken) =>
        store.FindUnsentHandoffsAsync(committedBefore, cancellationToken);
}
