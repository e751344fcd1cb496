using LeadIntake.Learning.Evaluation;

namespace LeadIntake.Learning.Features;

/// <summary>Measures how well each column alone predicts the outcome, to catch columns filled in after the fact.</summary>
/// <remarks>
/// A column's single-column AUC is the AUC of its out-of-fold target encoding (5 folds; numbers cut into up to 20
/// quantile bins, missing its own bin; each bin's conversion rate shrunk toward the fold's base rate with weight 20),
/// reported as max(AUC, 1 − AUC). Out-of-fold so that a high-cardinality column cannot look predictive by memorising.
/// </remarks>
internal static class LeakageGuard
{
    private const int Folds = 5;
    private const int NumericBins = 20;
    private const double Smoothing = 20;

    /// <summary>The rule in words, for the report.</summary>
    public static string Describe(double threshold) =>
        $"A column is a likely leak when its single-column AUC (out-of-fold target encoding) is at least {threshold:0.00}, " +
        "or at least 0.75 and more than 0.15 above the next-strongest column (a lone outlier).";

    public static double SingleColumnAuc(FeatureColumn column, double[] encoded, double[] labels, int seed)
    {
        var bins = column.Kind == FeatureKind.Numeric ? QuantileBins(encoded) : CategoryBins(encoded, column.OtherLevel);
        var binCount = bins.Max() + 1;
        var folds = StratifiedFolds.Assign(labels, Folds, seed);
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
                positives[bins[i]] += labels[i];
                counts[bins[i]]++;
                foldPositives += labels[i];
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

    /// <summary>Indices of the columns the rule flags, given each candidate's single-column AUC.</summary>
    public static bool[] Flag(IReadOnlyList<double> aucs, double threshold)
    {
        var flags = new bool[aucs.Count];
        for (var i = 0; i < aucs.Count; i++)
        {
            var nextStrongest = aucs.Where((_, j) => j != i).DefaultIfEmpty(0.5).Max();
            flags[i] = aucs[i] >= threshold || (aucs[i] >= 0.75 && aucs[i] - nextStrongest > 0.15);
        }

        return flags;
    }

    private static int[] CategoryBins(double[] encoded, int otherLevel)
    {
        var bins = new int[encoded.Length];
        for (var i = 0; i < bins.Length; i++)
            bins[i] = double.IsNaN(encoded[i]) ? otherLevel + 1 : (int)encoded[i];
        return bins;
    }

    private static int[] QuantileBins(double[] encoded)
    {
        var present = encoded.Where(v => !double.IsNaN(v)).Order().ToArray();
        var edges = new List<double>();
        for (var q = 1; q < NumericBins && present.Length > 0; q++)
        {
            var edge = present[(int)((long)present.Length * q / NumericBins)];
            if (edges.Count == 0 || edge > edges[^1])
                edges.Add(edge);
        }

        var bins = new int[encoded.Length];
        for (var i = 0; i < bins.Length; i++)
        {
            if (double.IsNaN(encoded[i]))
            {
                bins[i] = edges.Count + 1;
                continue;
            }

            var index = edges.BinarySearch(encoded[i]);
            bins[i] = index >= 0 ? index + 1 : ~index;
        }

        return bins;
    }
}
