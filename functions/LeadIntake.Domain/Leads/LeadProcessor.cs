using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Qualification;
using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Leads;

/// <summary>The ProcessLead step as a pure function: enrich → merge profile → score → apply the qualification policy.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Redelivery: a submission id already in <see cref="Lead.RecentSubmissionIds"/> changes nothing.</item>
/// <item>A new lead enters <see cref="FunnelStage.Lead"/> (a change with From null).</item>
/// <item>The submission is itself a behaviour event (<see cref="EngagementPolicy.FormSubmission"/>, id = submission id),
/// added to the lead's recent events before <see cref="LeadQualifier.Evaluate"/> decides disqualification, MQL, the SQL
/// fast track and the hand-off.</item>
/// <item>Change times are the submission's received-at, but never earlier than when the lead entered its
/// current stage, so history stays in order when an older submission is processed late.</item>
/// </list>
/// The input lead is never modified.
/// </remarks>
public static class LeadProcessor
{
    /// <summary>Processes <paramref name="submission"/> against the stored lead (null when none exists yet).</summary>
    /// <param name="current">The stored lead, or null.</param>
    /// <param name="submission">The submission.</param>
    /// <param name="scorer">The fit model.</param>
    /// <param name="policy">The qualification policy in force.</param>
    /// <param name="activities">The lead's stored behaviour events within the policy's horizon, without this submission.</param>
    /// <param name="processedAt">The clock's now.</param>
    /// <exception cref="ArgumentException">The submission belongs to another lead.</exception>
    public static LeadProcessingOutcome Process(
        Lead? current, LeadSubmission submission, ILeadScorer scorer, QualificationPolicy policy, IReadOnlyList<LeadActivity> activities,
        DateTimeOffset processedAt)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(activities);
        if (current is not null && current.LeadId != submission.LeadId)
        {
            throw new ArgumentException($"Submission {submission.SubmissionId} belongs to lead {submission.LeadId}, not {current.LeadId}.", nameof(submission));
        }

        if (current is not null && current.RecentSubmissionIds.Contains(submission.SubmissionId))
        {
            return new LeadProcessingOutcome(current, [], null, null, AlreadyProcessed: true, IsNewLead: false, HandedOff: false);
        }

        var merged = LeadProfileMerge.Merge(current, submission, LeadEnricher.Enrich(submission), processedAt.ToUniversalTime());
        var features = LeadFeatures.From(merged);
        var score = scorer.Score(features);
        var lead = merged with
        {
            Score = score.Score,
            Grade = score.Grade,
            Probability = score.Probability,
            ScoringModel = score.ModelVersion,
            ScoreReasons = [.. score.Reasons.Take(Lead.MaxScoreReasons)],
            ScoredAt = processedAt.ToUniversalTime(),
            PolicyVersion = policy.Version,
        };

        var changes = new List<StageChange>();
        if (current is null)
        {
            FunnelTransitions.EnsureAllowed(null, lead.Stage);
            var form = submission.FormId is { } id ? $" via form '{id}'" : string.Empty;
            var reason = $"new lead{form}";
            changes.Add(new StageChange(null, lead.Stage, submission.ReceivedAt, reason, score.Score, score.ModelVersion, StageChange.PipelineActor)
            {
                PolicyVersion = policy.Version,
                Reached = [FunnelStage.Lead],
            });
            lead = lead with { StageReason = reason };
        }

        var submitted = new LeadActivity(submission.SubmissionId, EngagementPolicy.FormSubmission, submission.ReceivedAt, new Dictionary<string, string>());
        var qualified = LeadQualifier.Evaluate(lead, [.. activities, submitted], policy, submission.ReceivedAt, processedAt, changes.Count);
        changes.AddRange(qualified.Changes);
        return new LeadProcessingOutcome(qualified.Lead, changes, score, features, AlreadyProcessed: false, IsNewLead: current is null, qualified.HandedOff);
    }
}
