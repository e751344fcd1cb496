using LeadIntake.Application.Scoring;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Application.Processing;

/// <summary>The ProcessLead use case: merge a captured submission into its lead, score it, stage it, record it, hand SQLs over.</summary>
/// <remarks>
/// Converges under retry, redelivery and races: the store writes deterministic rows first and commits the lead with
/// its ETag; a lost race (the lead changed since it was read) re-reads and merges again. A lead that enters SQL is
/// committed with its hand-off in the lead's outbox, and the hand-off is sent and then cleared: if the send fails the
/// message is retried, the retry finds the submission already merged and sends what the outbox still holds.
/// <see cref="SweepSalesHandoffs"/> sends what is left when every retry failed. Thread-safe.
/// </remarks>
public sealed class ProcessLead(ILeadStore leads, ISalesHandoffQueue handoffs, IScorerProvider scorers, TimeProvider timeProvider)
{
    /// <summary>Read-merge-write rounds tried before a contended lead fails the message (the queue then retries it).</summary>
    public const int MaxCommitAttempts = 8;

    /// <summary>Processes one captured submission.</summary>
    /// <exception cref="InvalidOperationException">The lead stayed contended for <see cref="MaxCommitAttempts"/> rounds.</exception>
    public async Task<ProcessLeadResult> RunAsync(LeadSubmission submission, CancellationToken cancellationToken)
    {
        var active = await scorers.GetScorerAsync(cancellationToken);
        LeadProcessingOutcome? lostRound = null;

        for (var attempt = 1; attempt <= MaxCommitAttempts; attempt++)
        {
            var stored = await leads.FindAsync(submission.LeadId, cancellationToken);
            var outcome = LeadProcessor.Process(stored?.Lead, submission, active.Scorer, active.Thresholds, timeProvider.GetUtcNow());
            if (outcome.AlreadyProcessed)
            {
                // A redelivery: the lead was committed, but a send that failed after the commit left its hand-off behind.
                var unsent = await leads.FindUnsentHandoffsAsync(submission.LeadId, cancellationToken);
                return Result(submission, outcome, attempt, await SendAsync(unsent, cancellationToken));
            }

            var handoff = outcome.EnteredSalesQualified ? SalesHandoffMessage.For(submission, outcome.Lead) : null;
            if (await leads.TrySaveAsync(submission, outcome, stored, handoff, lostRound, cancellationToken))
                return Result(submission, outcome, attempt, await SendAsync(handoff is null ? [] : [handoff], cancellationToken));

            lostRound = outcome;
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), timeProvider, cancellationToken);
        }

        throw new InvalidOperationException(
            $"Lead {submission.LeadId} changed concurrently {MaxCommitAttempts} times while submission {submission.SubmissionId} was merged; the message will be retried.");
    }

    private async Task<int> SendAsync(IEnumerable<SalesHandoffMessage> unsent, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var handoff in unsent)
        {
            await handoffs.SendAsync(handoff, cancellationToken);
            await leads.RemoveHandoffAsync(handoff, cancellationToken);
            sent++;
        }

        return sent;
    }

    private static ProcessLeadResult Result(LeadSubmission submission, LeadProcessingOutcome outcome, int attempts, int handoffsSent) =>
        new(submission.LeadId, submission.SubmissionId, outcome.AlreadyProcessed, FunnelStageCodes.ToCode(outcome.Lead.Stage),
            outcome.Lead.Score, outcome.AlreadyProcessed ? 0 : outcome.Changes.Count, attempts, handoffsSent);
}
