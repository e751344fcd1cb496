using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Qualification;

namespace LeadIntake.Application.Activities;

/// <summary>The ProcessActivity use case: store a lead's behaviour events, recompute engagement, apply the policy, hand over.</summary>
/// <remarks>
/// Idempotent by event: each event is stored once on the lead's timeline (same id and time = same row), and engagement is
/// recomputed from the stored timeline, so a replayed message adds no points. Events for an email that is not a lead
/// create no lead: they are counted in the result (and the invocation log) and dropped. Stage moves are recorded at the
/// latest event's time; the lead commits with its ETag and a lost race is applied again. Thread-safe.
/// </remarks>
public sealed class ProcessActivity(
    ILeadStore leads, ILeadActivityStore activities, HandoffSender handoffs, IQualificationPolicyProvider policies, TimeProvider timeProvider)
{
    /// <summary>Processes one <c>lead-activity</c> message.</summary>
    /// <exception cref="InvalidOperationException">The lead stayed contended for <see cref="ProcessLead.MaxCommitAttempts"/> rounds.</exception>
    public async Task<ProcessActivityResult> RunAsync(LeadActivityMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = await leads.FindAsync(message.LeadId, cancellationToken);
        if (stored is null)
            return new ProcessActivityResult(message.LeadId, message.Events.Count, 0, 0, Dropped: message.Events.Count, Stage: null, 0, 0, 0);

        var added = 0;
        foreach (var activity in message.Events)
        {
            if (await activities.TryAddAsync(message.LeadId, activity, ActivitySource.Behaviour, cancellationToken))
                added++;
        }

        var policy = await policies.GetPolicyAsync(cancellationToken);
        // Moves are recorded at the latest event, never later than the request was accepted: the same on every retry.
        var latest = message.Events.Max(e => e.At);
        var at = latest < message.ReceivedAt ? latest : message.ReceivedAt;
        for (var attempt = 1; attempt <= ProcessLead.MaxCommitAttempts; attempt++)
        {
            stored ??= await leads.FindAsync(message.LeadId, cancellationToken)
                ?? throw new InvalidOperationException($"Lead {message.LeadId} disappeared while its activities were processed.");
            var now = timeProvider.GetUtcNow();
            var recent = await activities.FindBehaviourSinceAsync(message.LeadId, now - EngagementScore.Horizon(policy), cancellationToken);
            var outcome = LeadQualifier.Evaluate(stored.Lead, recent, policy, at, now);
            // Nothing but the time engagement was computed at differs (a replay): nothing to write.
            if (outcome.Lead with { EngagementAt = stored.Lead.EngagementAt } == stored.Lead)
            {
                // A redelivery after the commit: a send that failed after it left its hand-off in the outbox.
                var unsent = await leads.FindUnsentHandoffsAsync(message.LeadId, cancellationToken);
                return Result(message, added, outcome.Lead, 0, attempt, await handoffs.SendAsync(unsent, cancellationToken));
            }

            var lead = outcome.Lead with { UpdatedAt = now };
            var handoff = outcome.HandedOff ? SalesHandoffMessage.For(lead, message.BatchId) : null;
            if (await leads.TryUpdateAsync(lead, outcome.Changes, message.BatchId, stored, handoff, cancellationToken))
                return Result(message, added, lead, outcome.Changes.Count, attempt, await handoffs.SendAsync(handoff is null ? [] : [handoff], cancellationToken));

            stored = null;
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), timeProvider, cancellationToken);
        }

        throw new InvalidOperationException(
            $"Lead {message.LeadId} changed concurrently {ProcessLead.MaxCommitAttempts} times while activity batch {message.BatchId} was applied; the message will be retried.");
    }

    private static ProcessActivityResult Result(LeadActivityMessage message, int added, Domain.Leads.Lead lead, int changes, int attempts, int handoffsSent) =>
        new(message.LeadId, message.Events.Count, added, message.Events.Count - added, 0, FunnelStageCodes.ToCode(lead.Stage), lead.Engagement, changes, handoffsSent)
        {
            Attempts = attempts,
        };
}

/// <summary>What one run of <see cref="ProcessActivity"/> did, for the invocation log.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="Events">Events in the message.</param>
/// <param name="Added">Events stored for the first time.</param>
/// <param name="Replayed">Events stored before (replays): they changed nothing.</param>
/// <param name="Dropped">Events dropped because no lead has this email.</param>
/// <param name="Stage">The lead's stage code afterwards; null when dropped.</param>
/// <param name="Engagement">The lead's engagement afterwards.</param>
/// <param name="StageChanges">Stage changes recorded.</param>
/// <param name="HandoffsSent">Hand-offs sent.</param>
public sealed record ProcessActivityResult(
    string LeadId, int Events, int Added, int Replayed, int Dropped, string? Stage, int Engagement, int StageChanges, int HandoffsSent)
{
    /// <summary>Read-apply-write rounds the ETag check needed.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>One readable line for the invocation log.</summary>
    public override string ToString() => Dropped > 0
        ? $"lead {LeadId}: no such lead; {Dropped} activity event(s) dropped"
        : $"lead {LeadId}: {Added} new and {Replayed} replayed event(s); stage {Stage}, engagement {Engagement}, {StageChanges} stage change(s), {HandoffsSent} hand-off(s) sent";
}
