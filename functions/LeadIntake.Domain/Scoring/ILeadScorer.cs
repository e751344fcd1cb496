namespace LeadIntake.Domain.Scoring;

/// <summary>Scores a lead from its intake-time features: the points model today, a trained model later.</summary>
/// <remarks>Implementations are immutable and thread-safe; scoring is pure.</remarks>
public interface ILeadScorer
{
    /// <summary>Scores one feature snapshot.</summary>
    LeadScore Score(LeadFeatures features);
}
