using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Tests.Leads;

/// <summary>A scorer returning a chosen score, so stage rules can be tested at exact thresholds.</summary>
internal sealed class FixedScorer(int score) : ILeadScorer
{
    public const string Version = "fixed-v1";

    public LeadScore Score(LeadFeatures features) =>
        new(score / 100d, score, score >= 70 ? "A" : "D", Version, [new ScoreReason("fixed", null, score)]);
}
