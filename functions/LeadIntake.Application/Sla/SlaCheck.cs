using System.Globalization;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Domain.Qualification;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Application.Sla;

/// <summary>The SLA clock: acts on every deadline that has passed — hand-offs after the nurture period, SLA breaches, exhausted follow-ups, recycling.</summary>
/// <remarks>
/// Reads only due rows of the deadline index, never every lead. For each, the lead row decides (<see cref="LeadDeadlines.Apply"/>):
/// a stale deadline is removed; a breach is recorded once (its key is the lead, kind and deadline, so overlapping runs
/// write one row), announced on <c>sla-breaches</c> until that send succeeded once, and marked on the lead; a hand-off or
/// move commits with the lead's ETag. The index row goes last, so a run that fails half-way is finished by the next. Thread-safe.
/// </remarks>
public sealed class SlaCheck(
    IDeadlineIndex index, ILeadStore leads, ILeadActivityStore activities, ISlaBreachStore breaches, ISlaBreachQueue breachQueue,
    HandoffSender handoffs, IQualificationPolicyProvider policies, TimeProvider timeProvider)
{
    /// <summary>Runs the clock once.</summary>
    public async Task<SlaCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var policy = await policies.GetPolicyAsync(cancellationToken);
        var due = await index.FindDueAsync(now, cancellationToken);
        var result = new SlaCheckResult(due.RowsRead, 0, 0, 0, 0);
        foreach (var deadline in due.Deadlines)
        {
            result = await HandleAsync(deadline, policy, now, result, cancellationToken);
            await index.RemoveAsync(deadline, cancellationToken);
        }

        return result;
    }

    private async Task<SlaCheckResult> HandleAsync(
        LeadDeadline deadline, Domain.Policy.QualificationPolicy policy, DateTimeOffset now, SlaCheckResult result, CancellationToken cancellationToken)
    {
        var causeId = $"{DeadlineKindCodes.ToCode(deadline.Kind)}_{deadline.DueAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        for (var attempt = 1; attempt <= ProcessLead.MaxCommitAttempts; attempt++)
        {
            var stored = await leads.FindAsync(deadline.LeadId, cancellationToken);
            if (stored is null)
                return result with { Stale = result.Stale + 1 };

            var recent = await activities.FindBehaviourSinceAsync(deadline.LeadId, now - EngagementScore.Horizon(policy), cancellationToken);
            var outcome = LeadDeadlines.Apply(stored.Lead, deadline, recent, policy, now);
            if (outcome.IsStale)
                return result with { Stale = result.Stale + 1 };

            if (outcome.Breach is { } breach && await breaches.RecordAsync(breach, cancellationToken))
            {
                await breachQueue.SendAsync(SlaBreachMessage.For(breach), cancellationToken);
                await breaches.MarkAnnouncedAsync(breach, timeProvider.GetUtcNow(), cancellationToken);
            }

            var lead = outcome.Lead with { UpdatedAt = now };
            var handoff = outcome.HandedOff ? SalesHandoffMessage.For(lead, causeId) : null;
            if (await leads.TryUpdateAsync(lead, outcome.Changes, causeId, stored, handoff, cancellationToken))
            {
                var sent = await handoffs.SendAsync(handoff is null ? [] : [handoff], cancellationToken);
                return result with
                {
                    Breaches = result.Breaches + (outcome.Breach is null ? 0 : 1),
                    HandoffsSent = result.HandoffsSent + sent,
                    StageChanges = result.StageChanges + outcome.Changes.Count,
                };
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), timeProvider, cancellationToken);
        }

        throw new InvalidOperationException(
            $"Lead {deadline.LeadId} changed concurrently {ProcessLead.MaxCommitAttempts} times while its {DeadlineKindCodes.ToCode(deadline.Kind)} deadline was handled; the next run tries again.");
    }
}

/// <summary>What one run of <see cref="SlaCheck"/> did, for the log and the benchmark.</summary>
/// <param name="RowsRead">Deadline index rows read.</param>
/// <param name="Breaches">SLA breaches found.</param>
/// <param name="HandoffsSent">Hand-offs sent (nurture periods that ended).</param>
/// <param name="StageChanges">Stage changes recorded (hand-offs as SQL, exhausted follow-ups, recycled lost leads).</param>
/// <param name="Stale">Deadlines the lead no longer had (answered, moved, gone): removed.</param>
public sealed record SlaCheckResult(int RowsRead, int Breaches, int HandoffsSent, int StageChanges, int Stale)
{
    /// <summary>One readable line for the log.</summary>
    public override string ToString() =>
        $"SLA check: {RowsRead} deadline row(s) read, {Breaches} breach(es), {HandoffsSent} hand-off(s), {StageChanges} stage change(s), {Stale} stale";
}
