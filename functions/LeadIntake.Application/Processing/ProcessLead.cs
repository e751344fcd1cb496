using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Scoring;
using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Qualification;

namespace LeadIntake.Application.Processing;

/// <summary>The ProcessLead use case: merge a captured submission into its lead, score it, apply the qualification policy, record it, hand it over.</summary>
/// <remarks>
/// Converges under retry, redelivery and races: the submission is stored on the lead's timeline (a form-submission
/// behaviour event), the store writes deterministic rows first and commits the lead with its ETag; a lost race (the lead
/// changed since it was read) re-reads and merges again. A lead the policy hands over is committed with its hand-off in
/// the lead's outbox, and the hand-off is sent and then cleared: if the send fails the message is retried, the retry finds
/// the submission already merged and sends what the outbox still holds. <see cref="SweepSalesHandoffs"/> sends what is
/// left when every retry failed. Thread-safe.
/// </remarks>
public sealed class ProcessLead(
    ILeadStore leads, ILeadActivityStore activities, HandoffSender handoffs, IScorerProvider scorers, IQualificationPolicyProvider policies,
    TimeProvider timeProvider)
{
    /// <summary>Read-merge-write rounds tried before a contended lead fails the message (the queue then retries it).</summary>
    /// <remarks>Sixteen: ten submissions of one lead processed at once (a batch of the queue) all merge in one go, on a loaded host too.</remarks>
    public const int MaxCommitAttempts = 16;

    /// <summary>Processes one captured submission.</summary>
    /// <exception cref="InvalidOperationException">The lead stayed contended for <see cref="MaxCommitAttempts"/> rounds.</exception>
    public async Task<ProcessLeadResult> RunAsync(LeadSubmission submission, CancellationToken cancellationToken)
    {
        var scorer = await scorers.GetScorerAsync(cancellationToken);
        var policy = await policies.GetPolicyAsync(cancellationToken);
        // The timeline row keeps this submission's consent proof for good (the lead's columns keep only the latest).
        var submitted = new LeadActivity(submission.SubmissionId, EngagementPolicy.FormSubmission, submission.ReceivedAt, new Dictionary<string, string>())
        {
            Consent = ConsentProof.Of(submission),
        };
        var recorded = false;

        for (var attempt = 1; attempt <= MaxCommitAttempts; attempt++)
        {
            var stored = await leads.FindAsync(submission.LeadId, cancellationToken);
            var now = timeProvider.GetUtcNow();
            var recent = (await activities.FindBehaviourSinceAsync(submission.LeadId, now - EngagementScore.Horizon(policy), cancellationToken))
                .Where(activity => activity.Id != submission.SubmissionId || activity.Type != EngagementPolicy.FormSubmission)
                .ToList();
            var outcome = LeadProcessor.Process(stored?.Lead, submission, scorer, policy, recent, now);
            if (outcome.AlreadyProcessed)
            {
                // A redelivery: the lead was committed, but a send that failed after the commit left its hand-off behind.
                var unsent = await leads.FindUnsentHandoffsAsync(submission.LeadId, cancellationToken);
                return Result(submission, outcome, attempt, await handoffs.SendAsync(unsent, cancellationToken));
            }

            if (!recorded)
            {
                // Once per run, not per round (a contended lead's rounds stay short); false on a redelivery: the row is there.
                await activities.TryAddAsync(submission.LeadId, submitted, ActivitySource.Form, cancellationToken);
                recorded = true;
            }
            var handoff = outcome.HandedOff ? SalesHandoffMessage.For(outcome.Lead, submission.SubmissionId) : null;
            if (await leads.TrySaveAsync(submission, outcome, stored, handoff, cancellationToken))
                return Result(submission, outcome, attempt, await handoffs.SendAsync(handoff is null ? [] : [handoff], cancellationToken));

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), timeProvider, cancellationToken);
        }

        throw new InvalidOperationException(
            $"Lead {submission.LeadId} changed concurrently {MaxCommitAttempts} times while submission {submission.SubmissionId} was merged; the message will be retried.");
    }

    private static ProcessLeadResult Result(LeadSubmission submission, LeadProcessingOutcome outcome, int attempts, int handoffsSent) =>
        new(submission.LeadId, submission.SubmissionId, outcome.AlreadyProcessed, FunnelStageCodes.ToCode(outcome.Lead.Stage),
            outcome.Lead.Score, outcome.Lead.Engagement, outcome.AlreadyProcessed ? 0 : outcome.Changes.Count, attempts, handoffsSent);
}
