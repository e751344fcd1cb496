using LeadIntake.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LeadIntake.Learning.Evaluation;

/// <summary>Metrics over parallel arrays of probabilities and outcomes: ML.NET's evaluator for AUC and log loss;
/// the ROC curve, Brier score, decile lift and the calibration table (which ML.NET does not compute) here.</summary>
internal static class Metrics
{
    private static readonly MLContext Ml = new(seed: 0);

    /// <summary>ROC AUC of <paramref name="scores"/> (any monotone score); 0.5 when one class is absent.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (labels.All(y => y) || labels.All(y => !y))
            return 0.5;
        return Ml.BinaryClassification.EvaluateNonCalibrated(View(scores, labels), nameof(ScoredRow.Label), nameof(ScoredRow.Score)).AreaUnderRocCurve;
    }

    /// <summary>Headline metrics and deciles of calibrated <paramref name="probabilities"/>.</summary>
    public static EvaluationMetrics Evaluate(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(y => y);
        var lift = Lift(probabilities, labels);
        double auc = 0.5, logLoss = double.NaN;
        if (positives > 0 && positives < labels.Count)
        {
            var metrics = Ml.BinaryClassification.Evaluate(View(probabilities, labels), nameof(ScoredRow.Label), nameof(ScoredRow.Score), nameof(ScoredRow.Probability));
            auc = metrics.AreaUnderRocCurve;
            logLoss = metrics.LogLoss * Math.Log(2); // ML.NET reports bits; the reference figures are in nats
        }

        var brier = probabilities.Select((p, i) => (p - (labels[i] ? 1 : 0)) * (p - (labels[i] ? 1 : 0))).DefaultIfEmpty(double.NaN).Average();
        return new EvaluationMetrics(auc, logLoss, brier, labels.Count, positives, lift.Count > 0 ? lift[0].Lift : 0, lift);
    }

    /// <summary>ROC points (false positive rate, true positive rate) at every distinct probability, thinned to about 200.</summary>
    public static IReadOnlyList<(double X, double Y)> Roc(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ToArray();
        double positives = Math.Max(1, labels.Count(y => y)), negatives = Math.Max(1, labels.Count(y => !y)), tp = 0, fp = 0;
        var points = new List<(double, double)> { (0, 0) };
        var step = Math.Max(1, order.Length / 200);
        for (var k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++; else fp++;
            var lastOfTie = k + 1 == order.Length || probabilities[order[k + 1]] != probabilities[order[k]];
            if (lastOfTie && (k % step == 0 || k + 1 == order.Length))
                points.Add((fp / negatives, tp / positives));
        }

        return points;
    }

    /// <summary>Deciles by descending probability (ties broken by row order, so the split is deterministic).</summary>
    public static IReadOnlyList<LiftDecile> Lift(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var n = probabilities.Count;
        var order = Enumerable.Range(0, n).OrderByDescending(i => probabilities[i]).ThenBy(i => i).ToArray();
        var total = labels.Count(y => y);
        var baseRate = n == 0 ? 0 : (double)total / n;
        var deciles = new List<LiftDecile>(10);
        double cumulative = 0;
        for (var d = 0; d < 10; d++)
        {
            var rows = order[(int)((long)n * d / 10)..(int)((long)n * (d + 1) / 10)];
            if (rows.Length == 0)
                continue;
            var positives = rows.Count(r => labels[r]);
            cumulative += positives;
            var precision = (double)positives / rows.Length;
            deciles.Add(new LiftDecile(d + 1, rows.Length, positives, rows.Min(r => probabilities[r]), precision,
                baseRate > 0 ? precision / baseRate : 0, total > 0 ? cumulative / total : 0));
        }

        return deciles;
    }

    /// <summary>Ten equal-width probability bins (mean predicted, observed rate, leads); empty bins left out.</summary>
    public static IReadOnlyList<(double From, double MeanPredicted, double Observed, int Rows)> Calibration(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels) =>
    [
        .. Enumerable.Range(0, probabilities.Count)
            .GroupBy(i => Math.Clamp((int)(probabilities[i] * 10), 0, 9))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key / 10.0, g.Average(i => probabilities[i]), g.Average(i => labels[i] ? 1.0 : 0), g.Count())),
    ];

    private static IDataView View(IReadOnlyList<double> scores, IReadOnlyList<bool> labels) =>
        Ml.Data.LoadFromEnumerable(scores.Select((s, i) => new ScoredRow { Label = labels[i], Score = (float)s, Probability = (float)s, PredictedLabel = s > 0.5 }));

    private sealed class ScoredRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public float Probability { get; set; }

        // The evaluator requires it (for the confusion matrix, which we do not read).
        public bool PredictedLabel { get; set; }
    }
}
