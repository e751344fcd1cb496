namespace LeadIntake.Domain.Kpis;

/// <summary>Model-health statistics from score histograms: realised AUC and the population stability index.</summary>
public static class ScoreStatistics
{
    /// <summary>The smallest share a PSI bucket is taken as, so an empty bucket does not make the index infinite.</summary>
    public const double PsiFloor = 0.0001;

    // A trained model's 0–100 score is the share of training leads with a lower probability: a tenth of them per decile.
    private static readonly double[] s_trainingDeciles = [.. Enumerable.Repeat(0.1, 10)];

    /// <summary>
    /// The realised AUC of the scores: the chance that a random won lead scored higher than a random lost one, a tie
    /// counting ½ (the Mann-Whitney U statistic ÷ won × lost). Null unless both outcomes occurred.
    /// </summary>
    public static double? Auc(ScoreCounts won, ScoreCounts lost)
    {
        ArgumentNullException.ThrowIfNull(won);
        ArgumentNullException.ThrowIfNull(lost);
        var wonCount = won.Count;
        var lostCount = lost.Count;
        if (wonCount == 0 || lostCount == 0)
            return null;
        double pairs = 0;
        long lostBelow = 0;
        for (var score = 0; score <= ScoreCounts.MaxScore; score++)
        {
            pairs += won[score] * (lostBelow + (lost[score] / 2.0));
            lostBelow += lost[score];
        }

        return pairs / ((double)wonCount * lostCount);
    }

    /// <summary>
    /// The drift of a trained model's <paramref name="scores"/> from the population it was trained on: the PSI of their deciles
    /// (0–9, 10–19, …, 90–100) against a tenth per decile, the training distribution of a score that is the share of training
    /// leads with a lower probability. Null when nothing was counted.
    /// </summary>
    public static double? PsiAgainstTraining(ScoreCounts scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return Psi(scores.Deciles(), s_trainingDeciles);
    }

    /// <summary>
    /// The population stability index of <paramref name="actual"/> counts against <paramref name="expected"/> shares:
    /// Σ (a − e) · ln(a / e) over the buckets, each share floored at <see cref="PsiFloor"/>. Null when nothing was counted.
    /// </summary>
    /// <exception cref="ArgumentException">The two have different bucket counts.</exception>
    public static double? Psi(IReadOnlyList<long> actual, IReadOnlyList<double> expected)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        if (actual.Count != expected.Count)
            throw new ArgumentException("Actual and expected need the same buckets.", nameof(expected));
        var total = actual.Sum();
        if (total == 0)
            return null;
        var psi = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var a = Math.Max((double)actual[i] / total, PsiFloor);
            var e = Math.Max(expected[i], PsiFloor);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }
}
