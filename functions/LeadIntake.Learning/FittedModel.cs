using LeadIntake.Learning.Linear;
using LeadIntake.Learning.Trees;

namespace LeadIntake.Learning;

/// <summary>One fitted candidate: either a linear or a tree model, plus the boosting rounds kept.</summary>
internal sealed record FittedModel(LogisticRegressionModel? Linear, GradientBoostedTreesModel? Trees, int Iterations)
{
    public double RawScore(ReadOnlySpan<double> features) => Linear?.RawScore(features) ?? Trees!.RawScore(features);

    public double Contributions(ReadOnlySpan<double> features, Span<double> contributions) =>
        Linear?.Contributions(features, contributions) ?? Trees!.Contributions(features, contributions);
}
