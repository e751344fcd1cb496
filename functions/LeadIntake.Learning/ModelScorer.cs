using LeadIntake.Learning.Calibration;
using LeadIntake.Learning.Features;
using LeadIntake.Learning.Trees;

namespace LeadIntake.Learning;

/// <summary>Scores leads with a <see cref="ModelArtifact"/>: probability, 0–100 score, grade, reasons and model version.</summary>
/// <remarks>
/// Thread-safe. <see cref="Score"/> is the convenient path; for hot loops, <see cref="Encode"/> a lead once into a reused
/// buffer of <see cref="FeatureCount"/> doubles and call <see cref="Probability"/>, which allocates nothing.
/// </remarks>
public sealed class ModelScorer
{
    private const int MaxReasonsPerSide = 5;
    private readonly ModelArtifact _artifact;
    private readonly FeatureEncoder _encoder;
    private readonly PlattCalibrator _calibration;
    private readonly CompiledEnsemble? _ensemble;

    internal ModelScorer(ModelArtifact artifact)
    {
        _artifact = artifact;
        _encoder = new FeatureEncoder(artifact.Schema);
        _calibration = artifact.Calibration;
        _ensemble = artifact.Trees is { } trees ? new CompiledEnsemble(trees, artifact.Schema) : null;
        FeatureNames = artifact.Schema.Names;
    }

    /// <summary>Length of an encoded feature vector.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>Raw column names the scorer reads, in encoded order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Version stamped on every score.</summary>
    public string ModelVersion => _artifact.ModelVersion;

    /// <summary>Scores one lead given as raw column name → value (string, number, bool or null).</summary>
    /// <exception cref="ArgumentException">The lead lacks columns the model needs (both sides are named).</exception>
    public ModelScore Score(IReadOnlyDictionary<string, object?> lead)
    {
        var features = new double[FeatureCount];
        Encode(lead, features);
        var contributions = new double[FeatureCount];
        var baseValue = _artifact.Linear is { } linear
            ? linear.Contributions(features, contributions)
            : _ensemble!.Contributions(features, contributions);
        var raw = baseValue + contributions.Sum();
        var probability = _calibration.Probability(raw);
        var score = ToScore(probability);

        var order = Enumerable.Range(0, FeatureCount).ToArray();
        var positives = order.Where(i => contributions[i] > 0).OrderByDescending(i => contributions[i]).ThenBy(i => i).Take(MaxReasonsPerSide);
        var negatives = order.Where(i => contributions[i] < 0).OrderBy(i => contributions[i]).ThenBy(i => i).Take(MaxReasonsPerSide);
        var chosen = positives.Concat(negatives).ToArray();
        var reasons = chosen
            .Select(i => new ScoreContribution(FeatureNames[i], _artifact.Schema.Columns[i].Describe(features[i]), contributions[i]))
            .ToArray();
        var other = contributions.Sum() - chosen.Sum(i => contributions[i]);
        return new ModelScore(probability, raw, score, _artifact.Grades.GradeFor(score), ModelVersion, baseValue, reasons, other);
    }

    /// <summary>Encodes a lead into <paramref name="features"/> (length <see cref="FeatureCount"/>).</summary>
    /// <exception cref="ArgumentException">The lead lacks columns the model needs, or the buffer has the wrong length.</exception>
    public void Encode(IReadOnlyDictionary<string, object?> lead, Span<double> features)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (features.Length != FeatureCount)
            throw new ArgumentException($"The feature buffer has {features.Length} slots; the model needs {FeatureCount}.", nameof(features));
        for (var i = 0; i < FeatureCount; i++)
        {
            if (!lead.TryGetValue(FeatureNames[i], out var raw))
                throw MissingColumns(lead);
            features[i] = _encoder.Encode(i, raw);
        }
    }

    /// <summary>Raw score (log-odds) of an encoded lead; allocates nothing.</summary>
    public double RawScore(ReadOnlySpan<double> features)
    {
        if (features.Length != FeatureCount)
            throw new ArgumentException($"The feature buffer has {features.Length} slots; the model needs {FeatureCount}.", nameof(features));
        return _ensemble?.RawScore(features) ?? _artifact.Linear!.RawScore(features);
    }

    /// <summary>Calibrated probability of an encoded lead; allocates nothing.</summary>
    public double Probability(ReadOnlySpan<double> features) => _calibration.Probability(RawScore(features));

    /// <summary>The 0–100 score for a probability.</summary>
    public static int ToScore(double probability) => (int)Math.Round(Math.Clamp(probability, 0, 1) * 100, MidpointRounding.AwayFromZero);

    private ArgumentException MissingColumns(IReadOnlyDictionary<string, object?> lead)
    {
        var missing = FeatureNames.Where(n => !lead.ContainsKey(n)).ToArray();
        return new ArgumentException(
            $"The lead lacks {missing.Length} column(s) the model {ModelVersion} needs: {string.Join(", ", missing)}. " +
            $"Model columns: {string.Join(", ", FeatureNames)}. Lead columns: {string.Join(", ", lead.Keys)}.", nameof(lead));
    }
}
