using LeadIntake.Learning.Features;
using LeadIntake.Learning.Linear;
using LeadIntake.Learning.Trees;

namespace LeadIntake.Learning;

/// <summary>A model family with fixed hyper-parameters, as cross-validation compares them.</summary>
internal sealed record ModelCandidate(string Name, string Kind, string HyperParameters, LogisticRegressionOptions? Linear, GradientBoostedTreesOptions? Trees)
{
    /// <summary>The default search: one linear model and two tree shapes.</summary>
    /// <remarks>
    /// Chosen on the X Education split (intake-time features): leaf-limited trees with a smaller learning rate and larger
    /// leaves generalised best; the L2 strength of the linear model barely matters once numbers are standardised.
    /// </remarks>
    public static IReadOnlyList<ModelCandidate> Defaults(int seed) =>
    [
        ForLinear(new LogisticRegressionOptions { L2 = 1 }),
        ForTrees(new GradientBoostedTreesOptions { LearningRate = 0.05, MaxLeaves = 15, MinLeafSize = 40, MinCategoryRows = 50, Seed = seed }),
        ForTrees(new GradientBoostedTreesOptions { LearningRate = 0.1, MaxLeaves = 31, MinLeafSize = 20, MinCategoryRows = 100, Seed = seed }),
    ];

    public FittedModel Fit(EncodedDataset data, int[] rows)
    {
        if (Linear is not null)
            return new FittedModel(new LogisticRegressionTrainer(Linear).Fit(data, rows), null, 0);
        var (model, iterations) = new GradientBoostedTreesTrainer(Trees!).Fit(data, rows);
        return new FittedModel(null, model, iterations);
    }

    /// <summary>The candidate for the final fit on all rows: trees grow the round count cross-validation chose, without a split.</summary>
    public ModelCandidate ForFinalFit(int? iterations) => Trees is null ? this : this with
    {
        Trees = Trees with { MaxIterations = Math.Max(1, iterations ?? Trees.MaxIterations), EarlyStoppingRounds = 0 },
    };

    private static ModelCandidate ForLinear(LogisticRegressionOptions options) =>
        new($"logistic-l2-{options.L2:R}", ModelKind.LogisticRegression, $"l2={options.L2:R}", options, null);

    private static ModelCandidate ForTrees(GradientBoostedTreesOptions options) =>
        new($"gbdt-leaves{options.MaxLeaves}-lr{options.LearningRate:R}", ModelKind.GradientBoostedTrees,
            $"learningRate={options.LearningRate:R}, maxLeaves={options.MaxLeaves}, maxDepth={options.MaxDepth}, minLeafSize={options.MinLeafSize}, minCategoryRows={options.MinCategoryRows}, categoricalL2={options.CategoricalL2:R}, " +
            $"l2={options.L2:R}, maxBins={options.MaxBins}, earlyStoppingRounds={options.EarlyStoppingRounds}, validationFraction={options.ValidationFraction:R}",
            null, options);
}
