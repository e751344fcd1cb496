namespace LeadIntake.Learning.Evaluation;

/// <summary>Metric arithmetic over parallel arrays of probabilities (or raw scores) and 0/1 labels.</summary>
internal static class Metrics
{
    private const double Epsilon = 1e-15;

    /// <summary>ROC AUC by average ranks (ties count half); 0.5 when one class is absent.</summary>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        var n = scores.Length;
        var order = SortedAscending(scores);
        double positives = 0, rankSum = 0;
        var i = 0;
        while (i < n)
        {
            var j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]])
                j++;
            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]] > 0.5)
                {
                    positives++;
                    rankSum += averageRank;
                }
            }

            i = j + 1;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
            return 0.5;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            sum -= labels[i] > 0.5 ? Math.Log(p) : Math.Log(1 - p);
        }

        return probabilities.Length == 0 ? double.NaN : sum / probabilities.Length;
    }

    public static double Brier(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
            sum += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
        return probabilities.Length == 0 ? double.NaN : sum / probabilities.Length;
    }

    /// <summary>Deciles by descending probability (ties broken by row order, so the split is deterministic).</summary>
    public static IReadOnlyList<LiftDecile> Lift(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        var n = probabilities.Length;
        var order = SortedDescending(probabilities);
        double totalPositives = 0;
        foreach (var y in labels)
            totalPositives += y > 0.5 ? 1 : 0;
        var baseRate = n == 0 ? 0 : totalPositives / n;
        var deciles = new List<LiftDecile>(10);
        double cumulative = 0;
        for (var d = 0; d < 10; d++)
        {
            var start = (int)((long)n * d / 10);
            var end = (int)((long)n * (d + 1) / 10);
            if (end <= start)
                continue;
            var positives = 0;
            var min = double.PositiveInfinity;
            for (var k = start; k < end; k++)
            {
                positives += labels[order[k]] > 0.5 ? 1 : 0;
                min = Math.Min(min, probabilities[order[k]]);
            }

            cumulative += positives;
            var precision = (double)positives / (end - start);
            deciles.Add(new LiftDecile(d + 1, end - start, positives, min, precision,
                baseRate > 0 ? precision / baseRate : 0, totalPositives > 0 ? cumulative / totalPositives : 0));
        }

        return deciles;
    }

    /// <summary>Ten equal-width probability bins; empty bins are left out.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        var count = new int[10];
        var predicted = new double[10];
        var observed = new double[10];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var bin = Math.Clamp((int)(probabilities[i] * 10), 0, 9);
            count[bin]++;
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i] > 0.5 ? 1 : 0;
        }

        var bins = new List<CalibrationBin>(10);
        for (var b = 0; b < 10; b++)
        {
            if (count[b] > 0)
                bins.Add(new CalibrationBin(b / 10.0, (b + 1) / 10.0, count[b], predicted[b] / count[b], observed[b] / count[b]));
        }

        return bins;
    }

    /// <summary>ROC points at every distinct score, thinned to about <paramref name="maxPoints"/>.</summary>
    public static IReadOnlyList<RocPoint> Roc(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, int maxPoints = 200)
    {
        var n = scores.Length;
        var order = SortedDescending(scores);
        double positives = 0;
        foreach (var y in labels)
            positives += y > 0.5 ? 1 : 0;
        var negatives = n - positives;
        var points = new List<RocPoint> { new(0, 0, 1) };
        double tp = 0, fp = 0;
        var step = Math.Max(1, n / maxPoints);
        var sinceLast = 0;
        for (var k = 0; k < n; k++)
        {
            if (labels[order[k]] > 0.5) tp++; else fp++;
            sinceLast++;
            var lastOfTie = k + 1 == n || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie && (sinceLast >= step || k + 1 == n))
            {
                points.Add(new RocPoint(negatives > 0 ? fp / negatives : 0, positives > 0 ? tp / positives : 0, scores[order[k]]));
                sinceLast = 0;
            }
        }

        return points;
    }

    public static EvaluationMetrics Evaluate(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        var positives = 0;
        foreach (var y in labels)
            positives += y > 0.5 ? 1 : 0;
        return new EvaluationMetrics(Auc(probabilities, labels), LogLoss(probabilities, labels), Brier(probabilities, labels),
            probabilities.Length, positives, Lift(probabilities, labels), Calibration(probabilities, labels));
    }

    private static int[] SortedAscending(ReadOnlySpan<double> scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        return order;
    }

    private static int[] SortedDescending(ReadOnlySpan<double> scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var copy = scores.ToArray();
        Array.Sort(order, (a, b) => copy[b] != copy[a] ? copy[b].CompareTo(copy[a]) : a.CompareTo(b));
        return order;
    }
}
