using System.Text.Json;

namespace LeadIntake.Domain.Scoring;

/// <summary>A configurable points model, in the seeds' style: "+10 for a corporate email, +30 for a contact request".</summary>
/// <remarks>
/// File format (JSON, strict: unknown properties and features are errors):
/// <code>
/// { "version": "points-v1", "description": "…", "baseline": 0,
///   "grades": { "A": 70, "B": 45, "C": 25 },
///   "rules": [ { "feature": "email_class", "equals": "corporate", "points": 10, "note": "…" },
///              { "feature": "job_seniority", "in": ["c_level", "vp"], "points": 20 },
///              { "feature": "message_length", "atLeast": 80, "points": 5 } ] }
/// </code>
/// Score = baseline + points of every matching rule, clamped to 0–100. <see cref="LeadScore.Probability"/> is null:
/// points are not a calibrated chance of conversion.
/// Reasons are the matching rules, largest effect first. Immutable and thread-safe.
/// </remarks>
public sealed class PointsScoringModel : ILeadScorer
{
    private const string ResourceName = "LeadIntake.Domain.Scoring.points-v1.json";

    private static readonly Lazy<string> _defaultJson = new(ReadDefaultJson);
    private static readonly Lazy<PointsScoringModel> _default = new(() => Parse(_defaultJson.Value));

    private PointsScoringModel(
        string version, string? description, int baseline, GradeCutoffs grades, IReadOnlyList<PointsRule> rules)
    {
        Version = version;
        Description = description;
        Baseline = baseline;
        Grades = grades;
        Rules = rules;
    }

    /// <summary>The model shipped with the product (embedded points-v1.json).</summary>
    public static PointsScoringModel Default => _default.Value;

    /// <summary>The JSON text of <see cref="Default"/>, e.g. to write out as a starting configuration.</summary>
    public static string DefaultJson => _defaultJson.Value;

    /// <summary>The version recorded with every score and stage change.</summary>
    public string Version { get; }

    /// <summary>What the model is for, from the file.</summary>
    public string? Description { get; }

    /// <summary>Points every lead starts with.</summary>
    public int Baseline { get; }

    /// <summary>The grade cut-offs.</summary>
    public GradeCutoffs Grades { get; }

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<PointsRule> Rules { get; }

    /// <summary>Reads and validates a model file.</summary>
    /// <exception cref="ScoringModelFormatException">The file is not valid; the message says where and why.</exception>
    public static PointsScoringModel Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ScoringModelFormatException("$", $"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            return PointsScoringModelReader.Read(document.RootElement);
        }
    }

    /// <inheritdoc/>
    public LeadScore Score(LeadFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var total = Baseline;
        var reasons = new List<ScoreReason>();
        foreach (var rule in Rules)
        {
            var value = features[rule.Feature];
            if (rule.Matches(value))
            {
                total += rule.Points;
                reasons.Add(new ScoreReason(rule.Feature, LeadFeatures.Format(value), rule.Points));
            }
        }

        var score = Math.Clamp(total, 0, 100);
        var ordered = reasons.OrderByDescending(r => Math.Abs(r.Contribution)).ToArray();
        return new LeadScore(Probability: null, score, Grades.GradeOf(score), Version, ordered);
    }

    internal static PointsScoringModel Create(
        string version, string? description, int baseline, GradeCutoffs grades, IReadOnlyList<PointsRule> rules) =>
        new(version, description, baseline, grades, rules);

    private static string ReadDefaultJson()
    {
        using var stream = typeof(PointsScoringModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
