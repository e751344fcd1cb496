using LeadIntake.Domain.Scoring;
using LeadIntake.Scoring;

namespace LeadIntake.Functions.Scoring;

/// <summary>Adapts a trained ML.NET model (<see cref="LeadModel"/>) to the domain's <see cref="ILeadScorer"/>.</summary>
/// <remarks>The model reads the lead's intake features by name; its reasons become the score's reasons. Thread-safe.</remarks>
public sealed class TrainedModelScorer(LeadModel model) : ILeadScorer
{
    /// <inheritdoc />
    public LeadScore Score(LeadFeatures features)
    {
        var scored = model.Score(features);
        return new LeadScore(
            scored.Probability, scored.Score, scored.Grade, scored.ModelVersion,
            [.. scored.Reasons.Select(reason => new ScoreReason(reason.Feature, reason.Value, reason.Contribution))]);
    }
}
