using LeadIntake.Scoring;
using LeadIntake.Storage.Models;

namespace LeadIntake.Training;

/// <summary>Publishes a model folder through the <see cref="PublishGate"/>: the step shared by the CLI and the notebook.</summary>
public sealed class ModelPublisher(ModelRegistry registry)
{
    /// <summary>Reads the current pointer, applies the gate and, if allowed, uploads <c>model.zip</c> and the card and moves the pointer.</summary>
    /// <param name="directory">The model folder written by <c>train</c>.</param>
    /// <param name="maxAucDrop">Allowed drop in holdout AUC against the current model.</param>
    /// <param name="force">Publish even if the gate refuses.</param>
    /// <param name="cancellationToken">Cancels the storage requests.</param>
    /// <exception cref="InvalidDataException">The folder is not a valid model.</exception>
    /// <exception cref="Azure.RequestFailedException">
    /// Storage failed; status 412 or 409 means another publish moved the pointer meanwhile and nothing was switched.
    /// </exception>
    public async Task<PublishOutcome> PublishAsync(
        string directory, double maxAucDrop = PublishGate.DefaultMaxAucDrop, bool force = false, CancellationToken cancellationToken = default)
    {
        var card = LeadModel.Load(directory).Card;
        var current = await registry.GetCurrentPointerAsync(cancellationToken);
        if (current?.Pointer.Version == card.ModelVersion)
        {
            var unchanged = new PublishGateDecision(true, false, $"model {card.ModelVersion} is already the current model");
            return new PublishOutcome(unchanged, current.Pointer, current.Pointer, AlreadyCurrent: true);
        }

        var holdoutAuc = card.Holdout?.Auc ?? double.NaN;
        var decision = PublishGate.Evaluate(holdoutAuc, current?.Pointer, maxAucDrop, force);
        if (!decision.Allowed)
            return new PublishOutcome(decision, current?.Pointer, current?.Pointer, AlreadyCurrent: false);

        var files = new Dictionary<string, BinaryData>
        {
            [LeadModel.ModelFileName] = BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(directory, LeadModel.ModelFileName), cancellationToken)),
            [LeadModel.CardFileName] = BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(directory, LeadModel.CardFileName), cancellationToken)),
        };
        var published = await registry.PublishAsync(card.ModelVersion, files, double.IsFinite(holdoutAuc) ? holdoutAuc : 0, current?.ETag, cancellationToken);
        return new PublishOutcome(decision, current?.Pointer, published.Pointer, AlreadyCurrent: false);
    }
}
