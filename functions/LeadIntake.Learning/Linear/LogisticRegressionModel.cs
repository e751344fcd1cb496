namespace LeadIntake.Learning.Linear;

/// <summary>Learned parameters of an L2-regularised logistic regression over a <see cref="Features.FeatureSchema"/>'s encoded values.</summary>
/// <remarks>Raw score (log-odds) = <c>Intercept + Σ term.Contribution(x)</c>. Immutable.</remarks>
public sealed record LogisticRegressionModel
{
    /// <summary>Creates the model; rejects non-finite parameters.</summary>
    /// <exception cref="ArgumentException">A weight is NaN or infinite.</exception>
    public LogisticRegressionModel(double intercept, IReadOnlyList<LinearTerm> terms)
    {
        var finite = double.IsFinite(intercept) && terms.All(t =>
            double.IsFinite(t.Weight) && double.IsFinite(t.Mean) && double.IsFinite(t.Scale) && t.Scale > 0 &&
            double.IsFinite(t.MissingWeight) && double.IsFinite(t.MeanContribution) && t.LevelWeights.All(double.IsFinite));
        if (!finite)
            throw new ArgumentException("A logistic-regression parameter is not a finite number.", nameof(terms));
        Intercept = intercept;
        Terms = terms;
    }

    /// <summary>Log-odds when every contribution is zero.</summary>
    public double Intercept { get; }

    /// <summary>One term per schema column, in schema order.</summary>
    public IReadOnlyList<LinearTerm> Terms { get; }

    /// <summary>Raw score of a lead at the training means (the reasons' base value).</summary>
    public double BaseValue => Intercept + Terms.Sum(t => t.MeanContribution);

    /// <summary>Raw score (log-odds) of an encoded feature vector.</summary>
    public double RawScore(ReadOnlySpan<double> features)
    {
        var sum = Intercept;
        for (var i = 0; i < features.Length; i++)
            sum += Terms[i].Contribution(features[i]);
        return sum;
    }

    /// <summary>Writes each feature's centred contribution and returns the base value; base + Σ contributions = raw score.</summary>
    public double Contributions(ReadOnlySpan<double> features, Span<double> contributions)
    {
        for (var i = 0; i < features.Length; i++)
            contributions[i] = Terms[i].Contribution(features[i]) - Terms[i].MeanContribution;
        return BaseValue;
    }
}
