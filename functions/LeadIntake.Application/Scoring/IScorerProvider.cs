namespace LeadIntake.Application.Scoring;

/// <summary>Supplies the scorer the pipeline uses right now: the one seam between processing and model choice.</summary>
/// <remarks>
/// The function app's published-model provider serves a trained model published to blob storage, with hot reload, and
/// falls back to the points model; the processing step does not know which one scored.
/// </remarks>
public interface IScorerProvider
{
    /// <summary>The current scorer and its qualification thresholds.</summary>
    ValueTask<ActiveScorer> GetScorerAsync(CancellationToken cancellationToken = default);
}
