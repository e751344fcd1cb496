using System.Globalization;
using LeadIntake.Domain.Kpis;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;

namespace LeadIntake.Training;

/// <summary>How far the new model's scores on recent leads drift from what it was trained on, and what the gate made of it.</summary>
/// <param name="Psi">The population stability index of the score deciles.</param>
/// <param name="Leads">Recent leads scored.</param>
/// <param name="MaxPsi">The limit.</param>
/// <param name="Decision">Allowed, forced or refused, in words.</param>
public sealed record DriftCheck(double Psi, int Leads, double MaxPsi, PublishGateDecision Decision);

/// <summary>
/// The drift gate beside the AUC gate: a model whose 0–100 score distribution on recent leads differs too much from its training
/// distribution is refused unless forced.
/// </summary>
/// <remarks>
/// A trained model's score is the share of training leads with a lower probability, so on the training population each score
/// decile (0–9, 10–19, …, 90–100) holds 10 %: that uniform distribution is the expected one. PSI = Σ (a − e) · ln(a / e) over the ten
/// deciles, a the recent share and e = 0.1, each floored at 0.0001 so an empty decile stays finite. Rule of thumb: below 0.1 stable,
/// 0.1–0.25 moderate shift, above 0.25 a population the model was not trained on. Pure apart from <see cref="Check"/>'s scoring.
/// </remarks>
public static class DriftGate
{
    /// <summary>Default largest PSI allowed (0.25, the usual "significant shift" line).</summary>
    public const double DefaultMaxPsi = 0.25;

    /// <summary>The PSI of <paramref name="scores"/> (0–100) against ten equal deciles (<see cref="ScoreStatistics.PsiAgainstTraining"/>).</summary>
    /// <exception cref="ArgumentException">No scores.</exception>
    public static double Psi(IReadOnlyCollection<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var counts = new ScoreCounts();
        foreach (var score in scores)
            counts.Add(score);
        return ScoreStatistics.PsiAgainstTraining(counts) ?? throw new ArgumentException("The PSI needs at least one score.", nameof(scores));
    }

    /// <summary>Decides on a measured <paramref name="psi"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPsi"/> is negative or not a number.</exception>
    public static PublishGateDecision Evaluate(double psi, int leads, double maxPsi, bool force)
    {
        if (!(maxPsi >= 0))
            throw new ArgumentOutOfRangeException(nameof(maxPsi), maxPsi, "The PSI limit must be zero or more.");
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"PSI {psi:0.0000} of the score deciles of {leads} recent leads against the training distribution (10 % per decile)");
        if (psi <= maxPsi)
            return new PublishGateDecision(true, false, string.Create(CultureInfo.InvariantCulture, $"{measured}, within the limit of {maxPsi:0.00}"));
        var problem = string.Create(CultureInfo.InvariantCulture, $"{measured} is above the limit of {maxPsi:0.00}");
        return force
            ? new PublishGateDecision(true, true, $"forced: {problem}")
            : new PublishGateDecision(false, false, $"refused: {problem}; pass --force to publish anyway");
    }

    /// <summary>Scores the leads of <paramref name="recent"/> (a <c>export-training --recent-out</c> file) with <paramref name="model"/> and decides.</summary>
    /// <exception cref="InvalidDataException">The file has no rows or lacks columns the model reads.</exception>
    public static DriftCheck Check(LeadModel model, TabularData recent, double maxPsi, bool force)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recent);
        var absent = model.FeatureNames.Where(n => recent.IndexOf(n) < 0).ToArray();
        if (absent.Length > 0)
            throw new InvalidDataException($"The recent leads lack column(s) model {model.ModelVersion} reads: {string.Join(", ", absent)}.");
        if (recent.RowCount == 0)
            throw new InvalidDataException("The recent leads file has no rows: nothing to measure drift on.");
        var index = model.FeatureNames.ToDictionary(n => n, recent.IndexOf, StringComparer.Ordinal);
        var scores = recent.Rows.Select(row => model.Score(index.ToDictionary(p => p.Key, p => (object?)row[p.Value], StringComparer.Ordinal)).Score).ToArray();
        var psi = Psi(scores);
        return new DriftCheck(psi, scores.Length, maxPsi, Evaluate(psi, scores.Length, maxPsi, force));
    }
}
