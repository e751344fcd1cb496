using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Leads;

/// <summary>The ProcessLead step as a pure function: enrich → merge profile → score → stage.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Redelivery: a submission id already in <see cref="Lead.RecentSubmissionIds"/> changes nothing.</item>
/// <item>A new lead enters <see cref="FunnelStage.Lead"/> (a change with From null).</item>
/// <item>Score ≥ SQL threshold moves a Lead or MQL to SQL; else score ≥ MQL threshold moves a Lead to MQL.</item>
/// <item>Never a move backwards, and never a move out of any other stage (sales-owned stages SAL and beyond,
/// Nurture, Disqualified): their profile and score are still updated.</item>
/// <item>Change times are the submission's received-at, but never earlier than when the lead entered its
/// current stage, so history stays in order when an older submission is processed late.</item>
/// </list>
/// The input lead is never modified.
/// </remarks>
public static class LeadProcessor
{
    /// <summary>Processes <paramref name="submission"/> against the stored lead (null when none exists yet).</summary>
    /// <exception cref="ArgumentException">The submission belongs to another lead.</exception>
    public static LeadProcessingOutcome Process(
        Lead? current, LeadSubmission submission, ILeadScorer scorer, QualificationThresholds thresholds, DateTimeOffset processedAt)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (current is not null && current.LeadId != submission.LeadId)
        {
            throw new ArgumentException($"Submission {submission.SubmissionId} belongs to lead {submission.LeadId}, not {current.LeadId}.", nameof(submission));
        }

        if (current is not null && current.RecentSubmissionIds.Contains(submission.SubmissionId))
        {
            return new LeadProcessingOutcome(current, [], null, null, AlreadyProcessed: true, IsNewLead: false);
        }

        var merged = LeadProfileMerge.Merge(current, submission, LeadEnricher.Enrich(submission), processedAt.ToUniversalTime());
        var features = LeadFeatures.From(merged);
        var score = scorer.Score(features);
        var lead = merged with
        {
            Score = score.Score,
            Grade = score.Grade,
            ScoringModel = score.ModelVersion,
            ScoreReasons = [.. score.Reasons.Take(Lead.MaxScoreReasons)],
            ScoredAt = processedAt.ToUniversalTime(),
        };

        var changes = new List<StageChange>();
        void Record(StageChange change) => changes.Add(change with { Sequence = changes.Count });

        var at = submission.ReceivedAt;
        if (current is null)
        {
            FunnelTransitions.EnsureAllowed(null, lead.Stage);
            var form = submission.FormId is { } id ? $" via form '{id}'" : string.Empty;
            Record(new StageChange(null, lead.Stage, at, $"new lead{form}", score.Score, score.ModelVersion, StageChange.PipelineActor));
        }
        else if (current.StageEnteredAt is { } entered && entered > at)
        {
            at = entered;
        }

        if (lead.Stage is FunnelStage.Lead or FunnelStage.MarketingQualified && score.Score >= thresholds.SalesQualified)
        {
            Record(lead.AdvanceTo(FunnelStage.SalesQualified, at, Reason(score, "SQL", thresholds.SalesQualified), StageChange.PipelineActor));
        }
        else if (lead.Stage is FunnelStage.Lead && score.Score >= thresholds.MarketingQualified)
        {
            Record(lead.AdvanceTo(FunnelStage.MarketingQualified, at, Reason(score, "MQL", thresholds.MarketingQualified), StageChange.PipelineActor));
        }

        return new LeadProcessingOutcome(lead, changes, score, features, AlreadyProcessed: false, IsNewLead: current is null);
    }

    private static string Reason(LeadScore score, string stage, int threshold) =>
        $"score {score.Score} ≥ {stage} threshold {threshold} ({score.ModelVersion})";
}
