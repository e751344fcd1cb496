using LeadIntake.Learning.Calibration;
using LeadIntake.Learning.Features;

namespace LeadIntake.Learning.Trees;

/// <summary>Histogram gradient boosting for the binary log loss, LightGBM-style.</summary>
/// <remarks>
/// Features are cut into at most 255 bins (missing values get their own bin and a learned default direction);
/// trees grow best-first up to <see cref="GradientBoostedTreesOptions.MaxLeaves"/> and MaxDepth, with second-order
/// gains, L2 on leaf values and the histogram-subtraction trick. Categorical splits order the node's categories by
/// gradient/(hessian + smoothing) and cut that order once (Fisher 1958, as LightGBM). Deterministic: no sampling,
/// ties go to the first feature and bin. Holds no data between fits.
/// </remarks>
public sealed class GradientBoostedTreesTrainer
{
    private readonly GradientBoostedTreesOptions _options;

    /// <summary>Creates the trainer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public GradientBoostedTreesTrainer(GradientBoostedTreesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxIterations < 1 || !(options.LearningRate > 0) || options.MaxLeaves < 2 || options.MaxDepth < 1 ||
            options.MinLeafSize < 1 || options.L2 < 0 || options.CategoricalSmoothing < 0 || options.MaxBins is < 3 or > 255 ||
            options.EarlyStoppingRounds < 0 || options.ValidationFraction is < 0 or >= 0.5)
            throw new ArgumentOutOfRangeException(nameof(options), "A gradient-boosting setting is out of range.");
        _options = options;
    }

    /// <summary>Fits on <paramref name="rows"/>, early-stopping on a seeded validation split of them (if enabled).</summary>
    internal (GradientBoostedTreesModel Model, int Iterations) Fit(EncodedDataset data, int[] rows)
    {
        var (fitRows, validRows) = SplitValidation(data, rows);
        var run = Run(data, fitRows, validRows);
        return (run.Model.Truncate(run.BestIterations), run.BestIterations);
    }

    /// <summary>
    /// Boosts on <paramref name="fitRows"/> while tracking the log loss on <paramref name="validRows"/> after every round;
    /// stops <see cref="GradientBoostedTreesOptions.EarlyStoppingRounds"/> rounds after the best (if enabled) and keeps every tree grown.
    /// </summary>
    internal BoostingRun Run(EncodedDataset data, int[] fitRows, int[] validRows)
    {
        var mappers = new BinMapper[data.FeatureCount];
        var bins = new byte[data.FeatureCount][];
        var validBins = new byte[data.FeatureCount][];
        for (var f = 0; f < data.FeatureCount; f++)
        {
            mappers[f] = BinMapper.Create(data.Schema.Columns[f], data.Columns[f], fitRows, _options.MaxBins);
            bins[f] = Bin(mappers[f], data.Columns[f], fitRows);
            validBins[f] = Bin(mappers[f], data.Columns[f], validRows);
        }

        var labels = fitRows.Select(r => data.Labels[r]).ToArray();
        var validLabels = validRows.Select(r => data.Labels[r]).ToArray();
        var positives = labels.Sum();
        var baseScore = Math.Log((positives + 0.5) / (labels.Length - positives + 0.5));
        var raw = Enumerable.Repeat(baseScore, labels.Length).ToArray();
        var validRaw = Enumerable.Repeat(baseScore, validLabels.Length).ToArray();
        var grower = new TreeGrower(_options, mappers, bins, labels.Length);
        var trees = new List<RegressionTree>();
        var losses = new List<double>();
        var best = (Loss: double.PositiveInfinity, Iteration: -1);
        var earlyStopping = validRows.Length > 0 && _options.EarlyStoppingRounds > 0;
        for (var iteration = 0; iteration < _options.MaxIterations; iteration++)
        {
            grower.SetGradients(raw, labels);
            var grown = grower.Grow();
            grower.AddLeafValues(raw);
            trees.Add(grown.Tree);
            if (validRows.Length == 0)
                continue;
            double loss = 0;
            for (var i = 0; i < validRaw.Length; i++)
            {
                validRaw[i] += grown.PredictBinned(validBins, i);
                var p = Math.Clamp(PlattCalibrator.Sigmoid(validRaw[i]), 1e-15, 1 - 1e-15);
                loss -= validLabels[i] > 0.5 ? Math.Log(p) : Math.Log(1 - p);
            }

            losses.Add(loss / validRaw.Length);
            if (loss < best.Loss - 1e-12)
                best = (loss, iteration);
            else if (earlyStopping && iteration - best.Iteration >= _options.EarlyStoppingRounds)
                break;
        }

        var kept = earlyStopping ? best.Iteration + 1 : trees.Count;
        return new BoostingRun(new GradientBoostedTreesModel(baseScore, trees.ToArray()), kept, losses);
    }

    private (int[] Fit, int[] Valid) SplitValidation(EncodedDataset data, int[] rows)
    {
        if (_options.EarlyStoppingRounds == 0 || _options.ValidationFraction <= 0)
            return (rows, []);
        var folds = (int)Math.Round(1 / _options.ValidationFraction);
        var assignment = StratifiedFolds.Assign(rows.Select(r => data.Labels[r]).ToArray(), folds, _options.Seed);
        return (rows.Where((_, i) => assignment[i] != 0).ToArray(), rows.Where((_, i) => assignment[i] == 0).ToArray());
    }

    private static byte[] Bin(BinMapper mapper, double[] values, int[] rows)
    {
        var result = new byte[rows.Length];
        for (var i = 0; i < rows.Length; i++)
            result[i] = mapper.Bin(values[rows[i]]);
        return result;
    }
}
