using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Tests.Leads;

/// <summary>A scorer returning a chosen score (and, like a trained model, optionally a probability).</summary>
internal sealed class FixedScorer(int score, double? probability = null) : ILeadScorer
{
    public const string Version = "fixed-v1";

    public LeadScore Score(LeadFeatures features) =>
        new(probability, score, score >= 70 ? "A" : "D", Version, [new ScoreReason("fixed", null, score)]);
}
