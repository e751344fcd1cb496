using LeadIntake.Learning.Calibration;
using LeadIntake.Learning.Features;
using MathNet.Numerics.LinearAlgebra;

namespace LeadIntake.Learning.Linear;

/// <summary>Fits an L2-regularised logistic regression by Newton's method (IRLS) with a Cholesky solve.</summary>
/// <remarks>
/// Design: numbers standardised with a missing indicator, categories one-hot (levels, "other", missing), plus an
/// unpenalised intercept. Each row has one or two non-zeros per column, so the Hessian is accumulated sparsely; the
/// dense solve is over a few hundred parameters. Deterministic: fixed summation order, no randomness.
/// </remarks>
public sealed class LogisticRegressionTrainer
{
    private readonly LogisticRegressionOptions _options;

    /// <summary>Creates the trainer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public LogisticRegressionTrainer(LogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.L2 > 0) || options.MaxIterations < 1 || !(options.Tolerance > 0))
            throw new ArgumentOutOfRangeException(nameof(options), "L2 and Tolerance must be positive and MaxIterations at least 1.");
        _options = options;
    }

    internal LogisticRegressionModel Fit(EncodedDataset data, int[] rows)
    {
        var schema = data.Schema;
        var featureCount = data.FeatureCount;
        var offsets = new int[featureCount + 1];
        offsets[0] = 1;
        var means = new double[featureCount];
        var scales = new double[featureCount];
        for (var f = 0; f < featureCount; f++)
        {
            var column = schema.Columns[f];
            offsets[f + 1] = offsets[f] + (column.Kind == FeatureKind.Numeric ? 2 : column.Levels.Count + 2);
            if (column.Kind == FeatureKind.Numeric)
                (means[f], scales[f]) = MeanAndScale(data.Columns[f], rows);
        }

        var parameterCount = offsets[featureCount];
        var nonZeros = 1 + featureCount;
        var index = new int[rows.Length * nonZeros];
        var value = new double[rows.Length * nonZeros];
        for (var k = 0; k < rows.Length; k++)
        {
            var at = k * nonZeros;
            index[at] = 0;
            value[at] = 1;
            for (var f = 0; f < featureCount; f++)
            {
                var x = data.Columns[f][rows[k]];
                var slot = at + 1 + f;
                if (schema.Columns[f].Kind == FeatureKind.Numeric)
                {
                    index[slot] = double.IsNaN(x) ? offsets[f] + 1 : offsets[f];
                    value[slot] = double.IsNaN(x) ? 1 : (x - means[f]) / scales[f];
                }
                else
                {
                    index[slot] = offsets[f] + (double.IsNaN(x) ? schema.Columns[f].Levels.Count + 1 : (int)x);
                    value[slot] = 1;
                }
            }
        }

        var w = new double[parameterCount];
        var hessian = Matrix<double>.Build.Dense(parameterCount, parameterCount);
        var gradient = Vector<double>.Build.Dense(parameterCount);
        for (var iteration = 0; iteration < _options.MaxIterations; iteration++)
        {
            hessian.Clear();
            gradient.Clear();
            var h = hessian.AsColumnMajorArray();
            var g = gradient.AsArray();
            for (var k = 0; k < rows.Length; k++)
            {
                var at = k * nonZeros;
                double z = 0;
                for (var j = 0; j < nonZeros; j++)
                    z += w[index[at + j]] * value[at + j];
                var p = PlattCalibrator.Sigmoid(z);
                var residual = p - data.Labels[rows[k]];
                var weight = Math.Max(p * (1 - p), 1e-12);
                for (var a = 0; a < nonZeros; a++)
                {
                    var ia = index[at + a];
                    var va = value[at + a];
                    g[ia] += residual * va;
                    var wa = weight * va;
                    for (var b = 0; b < nonZeros; b++)
                        h[index[at + b] * parameterCount + ia] += wa * value[at + b];
                }
            }

            for (var j = 1; j < parameterCount; j++)
            {
                g[j] += _options.L2 * w[j];
                h[j * parameterCount + j] += _options.L2;
            }

            h[0] += 1e-9;
            var step = hessian.Cholesky().Solve(gradient);
            var largest = 0.0;
            for (var j = 0; j < parameterCount; j++)
            {
                w[j] -= step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }

            if (largest < _options.Tolerance)
                break;
        }

        return Build(data, rows, w, offsets, means, scales);
    }

    private static LogisticRegressionModel Build(EncodedDataset data, int[] rows, double[] w, int[] offsets, double[] means, double[] scales)
    {
        var terms = new LinearTerm[data.FeatureCount];
        for (var f = 0; f < data.FeatureCount; f++)
        {
            var column = data.Schema.Columns[f];
            var term = column.Kind == FeatureKind.Numeric
                ? new LinearTerm(column.Name, w[offsets[f]], means[f], scales[f], w[offsets[f] + 1], [], 0)
                : new LinearTerm(column.Name, 0, 0, 1, 0, w[offsets[f]..offsets[f + 1]], 0);
            double sum = 0;
            foreach (var r in rows)
                sum += term.Contribution(data.Columns[f][r]);
            terms[f] = term with { MeanContribution = rows.Length > 0 ? sum / rows.Length : 0 };
        }

        return new LogisticRegressionModel(w[0], terms);
    }

    private static (double Mean, double Scale) MeanAndScale(double[] column, int[] rows)
    {
        double sum = 0, count = 0;
        foreach (var r in rows)
        {
            if (!double.IsNaN(column[r]))
            {
                sum += column[r];
                count++;
            }
        }

        var mean = count > 0 ? sum / count : 0;
        double squares = 0;
        foreach (var r in rows)
        {
            if (!double.IsNaN(column[r]))
                squares += (column[r] - mean) * (column[r] - mean);
        }

        var sd = count > 1 ? Math.Sqrt(squares / count) : 0;
        return (mean, sd > 1e-12 ? sd : 1);
    }
}
