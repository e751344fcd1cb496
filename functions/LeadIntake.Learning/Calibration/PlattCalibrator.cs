namespace LeadIntake.Learning.Calibration;

/// <summary>Platt scaling: probability = <c>1 / (1 + exp(−(A · raw + B)))</c>, fitted on out-of-fold raw scores.</summary>
/// <remarks>Platt (1999), with his target smoothing (positives (N₊+1)/(N₊+2), negatives 1/(N₋+2)) against overfitting.</remarks>
/// <param name="A">Slope on the raw score.</param>
/// <param name="B">Offset.</param>
public sealed record PlattCalibrator(double A, double B)
{
    /// <summary>The calibrated probability of <paramref name="rawScore"/>.</summary>
    public double Probability(double rawScore) => Sigmoid(A * rawScore + B);

    /// <summary>Fits A and B by Newton's method with step halving on the smoothed log loss.</summary>
    public static PlattCalibrator Fit(ReadOnlySpan<double> rawScores, ReadOnlySpan<double> labels)
    {
        double positives = 0;
        foreach (var y in labels)
            positives += y > 0.5 ? 1 : 0;
        var negatives = labels.Length - positives;
        var high = (positives + 1) / (positives + 2);
        var low = 1 / (negatives + 2);
        double a = 1, b = 0;
        var loss = Loss(rawScores, labels, a, b, high, low);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (var i = 0; i < rawScores.Length; i++)
            {
                var p = Sigmoid(a * rawScores[i] + b);
                var t = labels[i] > 0.5 ? high : low;
                var w = p * (1 - p);
                ga += (p - t) * rawScores[i];
                gb += p - t;
                haa += w * rawScores[i] * rawScores[i];
                hab += w * rawScores[i];
                hbb += w;
            }

            var det = haa * hbb - hab * hab;
            if (!(det > 0))
                break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            var step = 1.0;
            while (step > 1e-10 && !(Loss(rawScores, labels, a - step * da, b - step * db, high, low) <= loss))
                step /= 2;
            if (step <= 1e-10)
                break;
            a -= step * da;
            b -= step * db;
            loss = Loss(rawScores, labels, a, b, high, low);
            if (Math.Abs(step * da) < 1e-10 && Math.Abs(step * db) < 1e-10)
                break;
        }

        return new PlattCalibrator(a, b);
    }

    private static double Loss(ReadOnlySpan<double> rawScores, ReadOnlySpan<double> labels, double a, double b, double high, double low)
    {
        double loss = 0;
        for (var i = 0; i < rawScores.Length; i++)
        {
            var z = a * rawScores[i] + b;
            var t = labels[i] > 0.5 ? high : low;
            // log(1 + e^z) − t·z, written to stay finite for large |z|.
            loss += Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - t * z;
        }

        return loss;
    }

    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
