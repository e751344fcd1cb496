using System.Diagnostics;
using System.Globalization;
using LeadIntake.Learning.Calibration;
using LeadIntake.Learning.Data;
using LeadIntake.Learning.Evaluation;
using LeadIntake.Learning.Features;
using LeadIntake.Learning.Linear;
using LeadIntake.Learning.Trees;

namespace LeadIntake.Learning;

/// <summary>The training façade: profile a history, then choose, fit and calibrate a lead-scoring model.</summary>
/// <remarks>
/// Steps: profile and encode (<see cref="Profile"/>); refuse thin data; k-fold cross-validate every candidate on the same
/// stratified, seeded folds (folds run in parallel, results kept in fold order, so output is deterministic); choose the best
/// mean AUC; refit it on all rows (trees with the folds' mean early-stopped round count); fit Platt calibration on the
/// chosen candidate's out-of-fold raw scores; derive metrics, grades and thresholds from those out-of-fold scores.
/// </remarks>
public static class LeadModelTrainer
{
    private const double PointsToDoubleOdds = 20;

    /// <summary>Profiles the columns of <paramref name="data"/>: kinds, missing rates, ID-like columns, leakage AUCs.</summary>
    /// <exception cref="ArgumentException">The label column is absent or its values cannot be read as an outcome.</exception>
    public static DatasetProfile Profile(TabularData data, TrainingOptions options) => DatasetAnalyzer.Prepare(data, options).Profile;

    /// <summary>Trains, cross-validates, calibrates and reports.</summary>
    /// <exception cref="InsufficientDataException">Fewer positive or negative examples than the options require.</exception>
    /// <exception cref="ArgumentException">The label column is absent, its values cannot be read as an outcome, or no feature is left.</exception>
    public static TrainingResult Train(TabularData data, TrainingOptions options, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Folds < 2)
            throw new ArgumentOutOfRangeException(nameof(options), "Folds must be at least 2.");
        var total = Stopwatch.StartNew();
        progress?.Report(new TrainingProgress("profile", 0, 1));
        var prepared = DatasetAnalyzer.Prepare(data, options);
        progress?.Report(new TrainingProgress("profile", 1, 1));
        var encoded = prepared.Data;
        var positives = prepared.Profile.Positives;
        var negatives = prepared.Profile.Rows - positives;
        if (positives < options.MinPositives || negatives < options.MinNegatives)
            throw new InsufficientDataException(positives, negatives, options.MinPositives, options.MinNegatives);
        if (encoded.FeatureCount == 0)
            throw new ArgumentException("No feature columns are left after exclusions; check include/exclude and the leakage guard.", nameof(options));

        var candidates = SelectCandidates(options);
        var folds = StratifiedFolds.Assign(encoded.Labels, options.Folds, options.Seed);
        var results = new List<CandidateResult>();
        var outOfFold = new List<double[]>();
        for (var c = 0; c < candidates.Count; c++)
        {
            var (result, raw) = CrossValidate(candidates[c], encoded, folds, options.Folds);
            results.Add(result);
            outOfFold.Add(raw);
            progress?.Report(new TrainingProgress("cross-validation", c + 1, candidates.Count));
        }

        var chosenIndex = 0;
        for (var c = 1; c < results.Count; c++)
        {
            if (results[c].MeanAuc > results[chosenIndex].MeanAuc)
                chosenIndex = c;
        }

        var allRows = Enumerable.Range(0, encoded.RowCount).ToArray();
        var finalCandidate = candidates[chosenIndex].ForFinalFit(results[chosenIndex].Iterations);
        var fit = Stopwatch.StartNew();
        var model = finalCandidate.Fit(encoded, allRows);
        var fitSeconds = fit.Elapsed.TotalSeconds;
        progress?.Report(new TrainingProgress("final fit", 1, 1));

        var oofRaw = outOfFold[chosenIndex];
        var calibration = PlattCalibrator.Fit(oofRaw, encoded.Labels);
        var oofProbability = oofRaw.Select(calibration.Probability).ToArray();
        var scores = oofProbability.Select(ModelScorer.ToScore).ToArray();
        var metrics = Metrics.Evaluate(oofProbability, encoded.Labels);
        var grades = ScoreStatistics.Grades(scores);
        var thresholds = ThresholdAdvisor.Recommend(scores, encoded.Labels, options);
        var createdAt = options.CreatedAt ?? options.TimeProvider.GetUtcNow();
        var artifact = new ModelArtifact
        {
            ModelKind = finalCandidate.Kind,
            ModelVersion = string.Create(CultureInfo.InvariantCulture,
                $"{(model.Linear is null ? "gbdt" : "logit")}-{createdAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{prepared.Fingerprint.Sha256[..8]}"),
            CreatedAt = createdAt.ToUniversalTime(),
            Label = options.Label,
            PositiveLabel = prepared.Profile.PositiveLabel,
            Schema = prepared.Schema,
            Linear = model.Linear,
            Trees = model.Trees,
            Calibration = calibration,
            Grades = grades,
            Thresholds = thresholds,
            Metrics = metrics,
            TrainingData = prepared.Fingerprint,
            Options = options,
        };

        var scorecardModel = model.Linear ?? new LogisticRegressionTrainer(new LogisticRegressionOptions()).Fit(encoded, allRows);
        var report = new TrainingReport
        {
            Profile = prepared.Profile,
            Candidates = results,
            Chosen = results[chosenIndex],
            Metrics = metrics,
            Roc = Metrics.Roc(oofProbability, encoded.Labels),
            ScoreDistribution = ScoreStatistics.Histogram(scores, encoded.Labels),
            FeatureImportance = Importance(model, encoded),
            Scorecard = Scorecard(scorecardModel, prepared.Schema),
            LeakWarnings = prepared.Profile.LikelyLeaks.Select(c => new LeakWarning(c.Name, c.SingleColumnAuc ?? 0, options.DropLeaky)).ToArray(),
            IdColumns = prepared.Profile.IdColumns,
            Thresholds = thresholds,
            Grades = grades,
            FitSeconds = fitSeconds,
            TotalSeconds = total.Elapsed.TotalSeconds,
        };
        return new TrainingResult(artifact, report);
    }

    private static IReadOnlyList<ModelCandidate> SelectCandidates(TrainingOptions options)
    {
        var unknown = options.ModelKinds.Where(k => !ModelKind.All.Contains(k)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown model kind(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", ModelKind.All)}.", nameof(options));
        return ModelCandidate.Defaults(options.Seed).Where(c => options.ModelKinds.Count == 0 || options.ModelKinds.Contains(c.Kind)).ToArray();
    }

    private static (CandidateResult Result, double[] OutOfFoldRaw) CrossValidate(ModelCandidate candidate, EncodedDataset data, int[] folds, int foldCount)
    {
        var valid = Enumerable.Range(0, foldCount).Select(k => Enumerable.Range(0, data.RowCount).Where(r => folds[r] == k).ToArray()).ToArray();
        var models = new FittedModel[foldCount];
        var runs = new BoostingRun[foldCount];
        Parallel.For(0, foldCount, fold =>
        {
            var train = Enumerable.Range(0, data.RowCount).Where(r => folds[r] != fold).ToArray();
            if (candidate.Trees is null)
                models[fold] = candidate.Fit(data, train);
            else
                runs[fold] = new GradientBoostedTreesTrainer(candidate.Trees).Run(data, train, valid[fold]);
        });

        int? iterations = null;
        if (candidate.Trees is not null)
        {
            iterations = BestSummedIteration(runs);
            for (var fold = 0; fold < foldCount; fold++)
                models[fold] = new FittedModel(null, runs[fold].Model.Truncate(iterations.Value), iterations.Value);
        }

        var raw = new double[data.RowCount];
        var aucs = new double[foldCount];
        var features = new double[data.FeatureCount];
        for (var fold = 0; fold < foldCount; fold++)
        {
            foreach (var r in valid[fold])
            {
                data.CopyRow(r, features);
                raw[r] = models[fold].RawScore(features);
            }

            aucs[fold] = Metrics.Auc(valid[fold].Select(r => raw[r]).ToArray(), valid[fold].Select(r => data.Labels[r]).ToArray());
        }

        return (new CandidateResult(candidate.Name, candidate.Kind, candidate.HyperParameters, aucs, iterations), raw);
    }

    /// <summary>Round count minimising the validation loss summed over folds (a fold that stopped early keeps its last loss).</summary>
    private static int BestSummedIteration(BoostingRun[] runs)
    {
        var longest = runs.Max(r => r.ValidationLoss.Count);
        var best = (Loss: double.PositiveInfinity, Iterations: 1);
        for (var i = 0; i < longest; i++)
        {
            var loss = runs.Sum(r => r.ValidationLoss[Math.Min(i, r.ValidationLoss.Count - 1)]);
            if (loss < best.Loss - 1e-12)
                best = (loss, i + 1);
        }

        return best.Iterations;
    }

    private static IReadOnlyList<FeatureImportance> Importance(FittedModel model, EncodedDataset data)
    {
        var sums = new double[data.FeatureCount];
        var features = new double[data.FeatureCount];
        var contributions = new double[data.FeatureCount];
        for (var r = 0; r < data.RowCount; r++)
        {
            data.CopyRow(r, features);
            model.Contributions(features, contributions);
            for (var f = 0; f < sums.Length; f++)
                sums[f] += Math.Abs(contributions[f]);
        }

        return sums.Select((s, f) => new FeatureImportance(data.Schema.Columns[f].Name, s / Math.Max(1, data.RowCount)))
            .OrderByDescending(i => i.Importance).ThenBy(i => i.Feature, StringComparer.Ordinal).ToArray();
    }

    private static IReadOnlyList<ScorecardEntry> Scorecard(LogisticRegressionModel model, FeatureSchema schema)
    {
        var factor = PointsToDoubleOdds / Math.Log(2);
        var entries = new List<ScorecardEntry>();
        for (var f = 0; f < schema.Columns.Count; f++)
        {
            var column = schema.Columns[f];
            var term = model.Terms[f];
            if (column.Kind == FeatureKind.Numeric)
            {
                entries.Add(new ScorecardEntry(column.Name, "per +1", Math.Round(term.Weight / term.Scale * factor, 2)));
                entries.Add(new ScorecardEntry(column.Name, "(missing)", Math.Round((term.MissingWeight - term.MeanContribution) * factor, 2)));
                continue;
            }

            for (var level = 0; level < term.LevelWeights.Length; level++)
            {
                var name = level < column.Levels.Count ? column.Levels[level] : level == column.Levels.Count ? "(other)" : "(missing)";
                entries.Add(new ScorecardEntry(column.Name, name, Math.Round((term.LevelWeights[level] - term.MeanContribution) * factor, 2)));
            }
        }

        return entries;
    }
}
