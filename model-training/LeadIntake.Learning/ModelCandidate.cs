using LeadIntake.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;

namespace LeadIntake.Learning;

/// <summary>A model family with fixed options: builds the ML.NET featurizer + trainer and fits it.</summary>
/// <param name="Name">Short name.</param>
/// <param name="Kind"><c>lightgbm</c> or <c>logistic-regression</c>.</param>
/// <param name="Options">The options, in words.</param>
/// <param name="Complexity">Preference rank: the lower, the simpler.</param>
/// <param name="Linear">Logistic regression (missing numbers imputed with the mean and scaled), else LightGBM (NaN kept).</param>
internal sealed record ModelCandidate(string Name, string Kind, string Options, int Complexity, bool Linear)
{
    public const string LightGbm = "lightgbm";
    public const string LogisticRegression = "logistic-regression";

    /// <summary>The documented grid, simplest first.</summary>
    /// <remarks>
    /// LightGBM shapes around the setting measured on the X Education split (15 leaves, learning rate 0.1, 150 rounds, at least
    /// 20 leads per leaf: test AUC 0.862, where ML.NET's defaults reach 0.856–0.858), one smaller and one larger; L2-regularised
    /// logistic regression, the scorecard, at two strengths. Single-threaded, seeded: deterministic.
    /// </remarks>
    public static IReadOnlyList<ModelCandidate> Grid { get; } =
    [
        Logistic(1f, 0),
        Logistic(0.1f, 1),
        Gbm(leaves: 7, rounds: 300, complexity: 2),
        Gbm(leaves: 15, rounds: 150, complexity: 3),
        Gbm(leaves: 31, rounds: 100, complexity: 4),
    ];

    /// <summary>The scorecard's model (also a grid member).</summary>
    public static ModelCandidate Scorecard => Grid[0];

    private static ModelCandidate Logistic(float l2, int complexity) =>
        new($"logistic-l2-{l2:0.##}", LogisticRegression, $"l2={l2:0.##}, l1=0", complexity, Linear: true) { L2 = l2 };

    private static ModelCandidate Gbm(int leaves, int rounds, int complexity) =>
        new($"lightgbm-{leaves}-leaves", LightGbm, $"leaves={leaves}, learningRate=0.1, rounds={rounds}, minLeaf=20", complexity, Linear: false)
        { Leaves = leaves, Rounds = rounds };

    private float L2 { get; init; }

    private int Leaves { get; init; }

    private int Rounds { get; init; }

    /// <summary>Fits featurizer + trainer on <paramref name="data"/>; the result outputs <c>Features</c>, <c>Score</c> and the trainer's own <c>Probability</c>.</summary>
    public FittedCandidate Fit(MLContext ml, FeatureSchema schema, IDataView data, int seed)
    {
        var featurizer = Featurizer(ml, schema);
        if (Linear)
        {
            var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = L2, L1Regularization = 0, NumberOfThreads = 1, LabelColumnName = LeadRow.LabelColumn,
            });
            var model = featurizer.Append(trainer).Fit(data);
            var predictor = model.LastTransformer;
            return new FittedCandidate(model, (ml, slots) => ml.Transforms.CalculateFeatureContribution(predictor, slots, slots, normalize: false), predictor.Model.SubModel);
        }

        var gbm = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = Leaves, LearningRate = 0.1, NumberOfIterations = Rounds, MinimumExampleCountPerLeaf = 20,
            NumberOfThreads = 1, Seed = seed, Verbose = false, Silent = true, LabelColumnName = LeadRow.LabelColumn,
        });
        var fitted = featurizer.Append(gbm).Fit(data);
        var trees = fitted.LastTransformer;
        return new FittedCandidate(fitted, (ml, slots) => ml.Transforms.CalculateFeatureContribution(trees, slots, slots, normalize: false), null);
    }

    /// <summary>Numbers (imputed and scaled for the linear model), their missing indicators, and the level indicators, as <c>Features</c>.</summary>
    private IEstimator<ITransformer> Featurizer(MLContext ml, FeatureSchema schema)
    {
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        var parts = new List<string>();
        if (schema.Numeric.Count > 0)
        {
            chain = chain.Append(ml.Transforms.IndicateMissingValues("NumbersMissing", LeadRow.NumbersColumn))
                .Append(ml.Transforms.Conversion.ConvertType("NumbersMissingFlags", "NumbersMissing", DataKind.Single));
            if (Linear)
            {
                chain = chain.Append(ml.Transforms.ReplaceMissingValues("NumbersFilled", LeadRow.NumbersColumn, MissingValueReplacingEstimator.ReplacementMode.Mean))
                    .Append(ml.Transforms.NormalizeMeanVariance("NumbersScaled", "NumbersFilled"));
            }

            parts.AddRange([Linear ? "NumbersScaled" : LeadRow.NumbersColumn, "NumbersMissingFlags"]);
        }

        if (schema.LevelKeys.Count > 0)
        {
            var keys = ml.Data.LoadFromEnumerable(schema.LevelKeys.Select(k => new KeyText { Value = k }));
            chain = chain.Append(ml.Transforms.Conversion.MapValueToKey("TextKeys", LeadRow.TextColumn, keyData: keys))
                .Append(ml.Transforms.Conversion.MapKeyToVector("TextIndicators", "TextKeys", outputCountVector: true));
            parts.Add("TextIndicators");
        }

        return chain.Append(ml.Transforms.Concatenate("Features", [.. parts]));
    }

    private sealed class KeyText
    {
        public string Value { get; set; } = "";
    }
}

/// <summary>A fitted candidate: the whole transformer, ML.NET's contribution estimator for its predictor, and the linear model's weights.</summary>
internal sealed record FittedCandidate(ITransformer Model, Func<MLContext, int, IEstimator<ITransformer>> Contributions, LinearBinaryModelParameters? Linear);
