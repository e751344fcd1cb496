using LeadIntake.Learning;
using LeadIntake.Storage.Models;

namespace LeadIntake.Training;

/// <summary>Publishes a trained model through the <see cref="PublishGate"/>: the step shared by the CLI and the notebook.</summary>
public sealed class ModelPublisher(ModelRegistry registry)
{
    /// <summary>Reads the current pointer, applies the gate and, if allowed, uploads the model and moves the pointer.</summary>
    /// <param name="artifact">The model to publish; its holdout AUC is <c>Metrics.Auc</c>.</param>
    /// <param name="maxAucDrop">Allowed drop in holdout AUC against the current model.</param>
    /// <param name="force">Publish even if the gate refuses.</param>
    /// <param name="cancellationToken">Cancels the storage requests.</param>
    /// <exception cref="Azure.RequestFailedException">
    /// Storage failed; status 412 or 409 means another publish moved the pointer meanwhile and nothing was switched.
    /// </exception>
    public async Task<PublishOutcome> PublishAsync(
        ModelArtifact artifact, double maxAucDrop = PublishGate.DefaultMaxAucDrop, bool force = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var current = await registry.GetCurrentPointerAsync(cancellationToken);
        if (current?.Pointer.Version == artifact.ModelVersion)
        {
            var unchanged = new PublishGateDecision(true, false, $"model {artifact.ModelVersion} is already the current model");
            return new PublishOutcome(unchanged, current.Pointer, current.Pointer, AlreadyCurrent: true);
        }

        var decision = PublishGate.Evaluate(artifact.Metrics.Auc, current?.Pointer, maxAucDrop, force);
        if (!decision.Allowed)
            return new PublishOutcome(decision, current?.Pointer, current?.Pointer, AlreadyCurrent: false);

        var published = await registry.PublishAsync(
            artifact.ModelVersion, BinaryData.FromString(artifact.ToJson()), artifact.Metrics.Auc, current?.ETag, cancellationToken);
        return new PublishOutcome(decision, current?.Pointer, published.Pointer, AlreadyCurrent: false);
    }
}
