using System.Globalization;

namespace LeadIntake.Training;

/// <summary>The two AUCs the publish gate weighs, and on which rows they were measured.</summary>
/// <param name="CurrentVersion">Version of the current (published) model.</param>
/// <param name="CandidateAuc">AUC of the model to publish.</param>
/// <param name="CurrentAuc">AUC of the current model.</param>
/// <param name="Basis">
/// Where both figures come from, in words: the same holdout rows scored by both models, or each model's recorded holdout figure
/// and why the rows could not be shared.
/// </param>
public sealed record GateComparison(string CurrentVersion, double CandidateAuc, double CurrentAuc, string Basis);

/// <summary>
/// The publish gate: a model whose AUC is worse than the current model's by more than a margin is refused, unless forced.
/// </summary>
/// <remarks>
/// Pure: it compares numbers it is given and touches no storage, so it is unit-tested on its own; <see cref="ModelPublisher"/>
/// measures them (on the same rows where it can).
/// </remarks>
public static class PublishGate
{
    /// <summary>Default allowed drop in holdout AUC (0.01), below the usual cross-validation spread of a good model.</summary>
    public const double DefaultMaxAucDrop = 0.01;

    // 0.85 - 0.84 is 0.010000000000000009 in doubles: a drop equal to the margin as written must pass.
    private const double Tolerance = 1e-12;

    /// <summary>Decides whether a model may replace the current one.</summary>
    /// <param name="candidateHoldoutAuc">Holdout ROC AUC recorded in the card of the model to publish.</param>
    /// <param name="current">The comparison with the current model, or null when nothing is published yet.</param>
    /// <param name="maxAucDrop">Largest allowed drop in AUC, in AUC units (0.01 = one point).</param>
    /// <param name="force">Publish even when the gate would refuse.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAucDrop"/> is negative, above 1 or not a number.</exception>
    public static PublishGateDecision Evaluate(double candidateHoldoutAuc, GateComparison? current, double maxAucDrop, bool force)
    {
        if (!(maxAucDrop is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(maxAucDrop), maxAucDrop, "The allowed AUC drop must be between 0 and 1.");

        if (!(candidateHoldoutAuc is >= 0 and <= 1))
            return Decide(force, $"the model's holdout AUC ({Format(candidateHoldoutAuc)}) is not a valid AUC");

        if (current is null)
            return new PublishGateDecision(true, false, $"no model is published yet; publishing with holdout AUC {Format(candidateHoldoutAuc)}");

        var drop = current.CurrentAuc - current.CandidateAuc;
        var comparison = $"AUC {Format(current.CandidateAuc)} vs {Format(current.CurrentAuc)} for the current model {current.CurrentVersion} ({current.Basis})";
        if (drop <= maxAucDrop + Tolerance)
            return new PublishGateDecision(true, false, $"{comparison}, within the allowed drop of {Format(maxAucDrop)}");

        return Decide(force, $"{comparison}: {Format(drop)} worse, more than the allowed drop of {Format(maxAucDrop)}");
    }

    private static PublishGateDecision Decide(bool force, string problem) =>
        force
            ? new PublishGateDecision(true, true, $"forced: {problem}")
            : new PublishGateDecision(false, false, $"refused: {problem}; pass --force to publish anyway");

    private static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
