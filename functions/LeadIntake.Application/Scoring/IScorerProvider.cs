using LeadIntake.Domain.Scoring;

namespace LeadIntake.Application.Scoring;

/// <summary>Supplies the fit model the pipeline uses right now: the one seam between processing and model choice.</summary>
/// <remarks>
/// The function app's published-model provider serves a trained model published to blob storage, with hot reload, and
/// falls back to the points model; the processing step does not know which one scored. When a lead qualifies is the
/// qualification policy's business, not the model's.
/// </remarks>
public interface IScorerProvider
{
    /// <summary>The current scorer.</summary>
    ValueTask<ILeadScorer> GetScorerAsync(CancellationToken cancellationToken = default);
}
