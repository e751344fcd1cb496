namespace LeadIntake.Learning.Trees;

/// <summary>Every tree a boosting run grew, the round count early stopping would keep, and the validation loss after each round.</summary>
internal sealed record BoostingRun(GradientBoostedTreesModel Model, int BestIterations, IReadOnlyList<double> ValidationLoss);
