using System.Globalization;
using LeadIntake.Learning;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;
using LeadIntake.Storage.Models;

namespace LeadIntake.Training;

/// <summary>Publishes a model folder through the <see cref="PublishGate"/> (and the <see cref="DriftGate"/> when given recent leads): the step shared by the CLI and the notebook.</summary>
/// <remarks>
/// The gate compares both models on the same rows where it can: given the history the new model was trained from, it takes the
/// new model's holdout rows (<see cref="HoldoutRows"/>, checked against the card's fingerprint) and scores them with the new and
/// the current model. When it cannot (no history given, no holdout, the current model unreadable or needing columns the history
/// lacks) it falls back to the two recorded holdout figures and says so in the decision. The current model may have trained on
/// some of those rows; that favours the current model, so the gate errs towards keeping it.
/// </remarks>
public sealed class ModelPublisher(ModelRegistry registry)
{
    /// <summary>Reads the current pointer, applies the gate and, if allowed, uploads <c>model.zip</c> and the card and moves the pointer.</summary>
    /// <param name="directory">The model folder written by <c>train</c>.</param>
    /// <param name="maxAucDrop">Allowed drop in holdout AUC against the current model.</param>
    /// <param name="force">Publish even if the gate refuses.</param>
    /// <param name="historyPath">The history the model was trained from, to compare both models on its holdout rows; null: recorded figures.</param>
    /// <param name="recentPath">Recent leads (<c>export-training --recent-out</c>) for the <see cref="DriftGate"/>; null: no drift check.</param>
    /// <param name="maxPsi">Largest PSI of the new model's scores on the recent leads allowed.</param>
    /// <param name="cancellationToken">Cancels the storage requests.</param>
    /// <exception cref="InvalidDataException">
    /// The folder is not a valid model, <paramref name="historyPath"/> is not the history it was trained from, or the recent leads lack its columns.
    /// </exception>
    /// <exception cref="Azure.RequestFailedException">
    /// Storage failed; status 412 or 409 means another publish moved the pointer meanwhile and nothing was switched.
    /// </exception>
    public async Task<PublishOutcome> PublishAsync(
        string directory, double maxAucDrop = PublishGate.DefaultMaxAucDrop, bool force = false, string? historyPath = null,
        string? recentPath = null, double maxPsi = DriftGate.DefaultMaxPsi, CancellationToken cancellationToken = default)
    {
        var candidate = LeadModel.Load(directory);
        var card = candidate.Card;
        var drift = recentPath is null ? null : DriftGate.Check(candidate, CsvTable.Read(recentPath), maxPsi, force);
        var holdout = historyPath is null ? null : HoldoutRows.Select(CsvTable.Read(historyPath), directory, card);
        var current = await registry.GetCurrentPointerAsync(cancellationToken);
        if (current?.Pointer.Version == card.ModelVersion)
        {
            var unchanged = new PublishGateDecision(true, false, $"model {card.ModelVersion} is already the current model");
            return new PublishOutcome(unchanged, current.Pointer, current.Pointer, AlreadyCurrent: true) { Drift = drift };
        }

        var holdoutAuc = card.Holdout?.Auc ?? double.NaN;
        var comparison = current is null ? null : await CompareAsync(candidate, holdout, historyPath is not null, current.Pointer, cancellationToken);
        var decision = PublishGate.Evaluate(holdoutAuc, comparison, maxAucDrop, force);
        if (!decision.Allowed || drift?.Decision.Allowed == false)
            return new PublishOutcome(decision, current?.Pointer, current?.Pointer, AlreadyCurrent: false) { Drift = drift };

        var files = new Dictionary<string, BinaryData>
        {
            [LeadModel.ModelFileName] = BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(directory, LeadModel.ModelFileName), cancellationToken)),
            [LeadModel.CardFileName] = BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(directory, LeadModel.CardFileName), cancellationToken)),
        };
        var published = await registry.PublishAsync(card.ModelVersion, files, double.IsFinite(holdoutAuc) ? holdoutAuc : 0, current?.ETag, cancellationToken);
        return new PublishOutcome(decision, current?.Pointer, published.Pointer, AlreadyCurrent: false) { Drift = drift };
    }

    private async Task<GateComparison> CompareAsync(
        LeadModel candidate, TabularData? holdout, bool historyGiven, ModelPointer pointer, CancellationToken cancellationToken)
    {
        var card = candidate.Card;
        GateComparison Recorded(string why) =>
            new(pointer.Version, card.Holdout?.Auc ?? double.NaN, pointer.HoldoutAuc, $"recorded holdout figures, not the same rows: {why}");

        if (holdout is null)
            return Recorded(historyGiven ? "the model has no holdout rows" : "pass --history to score this model's holdout rows with both models");
        LeadModel current;
        try
        {
            var files = await registry.DownloadCurrentAsync([LeadModel.ModelFileName, LeadModel.CardFileName], cancellationToken);
            if (files is null || files.Pointer.Version != pointer.Version)
                return Recorded("the current model changed while it was read");
            using var zip = files.Files[LeadModel.ModelFileName].ToStream();
            current = LeadModel.Load(zip, ModelCard.Read(files.Files[LeadModel.CardFileName].ToString()));
        }
        catch (InvalidDataException e)
        {
            return Recorded($"the current model cannot be read ({e.Message})");
        }

        var absent = current.Card.Features.Names.Where(n => holdout.IndexOf(n) < 0).ToArray();
        if (absent.Length > 0)
            return Recorded($"the current model needs column(s) the history lacks: {string.Join(", ", absent)}");
        var candidateAuc = Evaluator.Evaluate(candidate, holdout, card.Label).Auc;
        var currentAuc = Evaluator.Evaluate(current, holdout, card.Label).Auc;
        return new GateComparison(pointer.Version, candidateAuc, currentAuc,
            string.Create(CultureInfo.InvariantCulture, $"both scored on the same {holdout.RowCount} holdout rows of the history"));
    }
}
