using LeadIntake.Learning.Evaluation;

namespace LeadIntake.Learning.Features;

/// <summary>Measures how well each column alone predicts the outcome, to catch columns filled in after the fact.</summary>
/// <remarks>
/// A column's single-column AUC is the AUC of its out-of-fold target encoding (5 folds; numbers cut into up to 20 quantile
/// bins, missing its own bin; each bin's conversion rate shrunk toward the fold's base rate with weight 20), reported as
/// max(AUC, 1 − AUC). Out of fold so that a high-cardinality column cannot look predictive by memorising.
/// </remarks>
internal static class LeakageGuard
{
    private const int Folds = 5;
    private const int NumericBins = 20;
    private const double Smoothing = 20;

    /// <summary>The rule in words, for the report.</summary>
    public static string Describe(TrainingOptions options) =>
        $"A column is suspicious when its single-column AUC (out-of-fold target encoding) is at least {options.LeakAucThreshold:0.00}, " +
        $"or at least 0.75 and more than 0.15 above the next-strongest column; at {options.PerfectLeakAuc:0.00} or more it separates the outcome " +
        "almost perfectly, and training refuses unless the column is dropped (--drop-leaky) or kept on purpose (--keep-leaky).";

    public static double SingleColumnAuc(int[] bins, bool[] labels, int[] folds)
    {
        var binCount = bins.Max() + 1;
        var scores = new double[labels.Length];
        for (var fold = 0; fold < Folds; fold++)
        {
            var positives = new double[binCount];
            var counts = new double[binCount];
            double foldPositives = 0, foldRows = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                if (folds[i] == fold)
                    continue;
                var y = labels[i] ? 1 : 0;
                positives[bins[i]] += y;
                counts[bins[i]]++;
                foldPositives += y;
                foldRows++;
            }

            var prior = foldRows > 0 ? foldPositives / foldRows : 0.5;
            for (var i = 0; i < labels.Length; i++)
            {
                if (folds[i] == fold)
                    scores[i] = (positives[bins[i]] + Smoothing * prior) / (counts[bins[i]] + Smoothing);
            }
        }

        var auc = Metrics.Auc(scores, labels);
        return Math.Max(auc, 1 - auc);
    }

    public static int FoldCount => Folds;

    public static LeakLevel[] Flag(IReadOnlyList<double> aucs, TrainingOptions options)
    {
        var flags = new LeakLevel[aucs.Count];
        for (var i = 0; i < aucs.Count; i++)
        {
            var nextStrongest = aucs.Where((_, j) => j != i).DefaultIfEmpty(0.5).Max();
            flags[i] = aucs[i] >= options.PerfectLeakAuc ? LeakLevel.Perfect
                : aucs[i] >= options.LeakAucThreshold || (aucs[i] >= 0.75 && aucs[i] - nextStrongest > 0.15) ? LeakLevel.Suspicious
                : LeakLevel.None;
        }

        return flags;
    }

    /// <summary>Quantile bins of numbers (NaN in the last bin).</summary>
    public static int[] QuantileBins(float[] values)
    {
        var present = values.Where(v => !float.IsNaN(v)).Order().ToArray();
        var edges = new List<float>();
        for (var q = 1; q < NumericBins && present.Length > 0; q++)
        {
            var edge = present[(int)((long)present.Length * q / NumericBins)];
            if (edges.Count == 0 || edge > edges[^1])
                edges.Add(edge);
        }

        return [.. values.Select(v => float.IsNaN(v) ? edges.Count + 1 : edges.BinarySearch(v) is var index && index >= 0 ? index + 1 : ~index)];
    }
}
