using System.Text.Json;

namespace LeadIntake.Scoring;

/// <summary>A candidate's cross-validated performance: a model family with fixed options.</summary>
/// <param name="Name">Short name, e.g. <c>lightgbm-15x150</c>.</param>
/// <param name="Kind"><c>lightgbm</c> or <c>logistic-regression</c>.</param>
/// <param name="Options">The options tried, <c>name=value</c>, comma-separated.</param>
/// <param name="Complexity">Rank in the preference order: the lower, the simpler (preferred within one standard error).</param>
/// <param name="FoldAucs">Validation AUC of each fold, in fold order.</param>
public sealed record CandidateSummary(string Name, string Kind, string Options, int Complexity, IReadOnlyList<double> FoldAucs)
{
    /// <summary>Mean fold AUC.</summary>
    public double MeanAuc => FoldAucs.Average();

    /// <summary>Sample standard deviation of the fold AUCs (the cross-validation spread).</summary>
    public double AucStandardDeviation => StandardDeviation(FoldAucs);

    /// <summary>Sample standard deviation; 0 for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
            return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}

/// <summary>How the holdout was chosen before any model choice.</summary>
/// <param name="Method"><c>most recent by COL</c>, <c>stratified, seed N</c> or <c>none</c>.</param>
/// <param name="Fraction">Share of labelled rows held out.</param>
/// <param name="TrainingRows">Rows used for cross-validation and the final fit.</param>
/// <param name="HoldoutRows">Rows held out.</param>
public sealed record HoldoutSplit(string Method, double Fraction, int TrainingRows, int HoldoutRows);

/// <summary>One decile of leads ranked by probability (1 = the top tenth).</summary>
/// <param name="Decile">1–10.</param>
/// <param name="Rows">Leads in the decile.</param>
/// <param name="Positives">Converted leads in it.</param>
/// <param name="MinProbability">Lowest probability in it.</param>
/// <param name="Precision">Conversion rate in it.</param>
/// <param name="Lift">Precision over the base rate.</param>
/// <param name="CumulativeGain">Share of all conversions in deciles 1..this.</param>
public sealed record LiftDecile(int Decile, int Rows, int Positives, double MinProbability, double Precision, double Lift, double CumulativeGain);

/// <summary>Headline metrics of calibrated probabilities on a set of labelled leads; <c>metrics.json</c> is this record.</summary>
/// <param name="Auc">ROC AUC.</param>
/// <param name="LogLoss">Mean log loss in nats.</param>
/// <param name="Brier">Mean squared error of the probability.</param>
/// <param name="Rows">Leads measured.</param>
/// <param name="Positives">Converted leads among them.</param>
/// <param name="TopDecileLift">Lift of the top decile.</param>
/// <param name="Lift">The ten deciles.</param>
public sealed record EvaluationMetrics(double Auc, double LogLoss, double Brier, int Rows, int Positives, double TopDecileLift, IReadOnlyList<LiftDecile> Lift)
{
    /// <summary>The metrics as indented camelCase JSON (<c>metrics.json</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ModelCardJsonContext.Default.EvaluationMetrics);
}

/// <summary>The 0–100 score: the share of training leads (out of fold) with a lower probability, in percent.</summary>
/// <remarks>
/// A rank scale rather than probability × 100, so leads at the bottom are told apart as well as at the top (on a history
/// converting at 5 %, probability × 100 puts nearly half the leads under 1). The calibrated probability is stored beside it.
/// </remarks>
/// <param name="ProbabilityCutPoints">100 ascending probabilities: the 1st…100th percentiles of the out-of-fold probabilities.</param>
public sealed record ScoreScale(IReadOnlyList<double> ProbabilityCutPoints)
{
    /// <summary>The score of <paramref name="probability"/>: how many cut points lie at or below it (0–100).</summary>
    public int ToScore(double probability)
    {
        int low = 0, high = ProbabilityCutPoints.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ProbabilityCutPoints[middle] <= probability)
                low = middle + 1;
            else
                high = middle;
        }

        return low;
    }
}

/// <summary>Minimum scores for grades A, B and C; lower is D.</summary>
/// <param name="A">Minimum score for A.</param>
/// <param name="B">Minimum score for B.</param>
/// <param name="C">Minimum score for C.</param>
public sealed record GradeCutoffs(int A, int B, int C)
{
    /// <summary>On the rank scale: the top 10 % of training leads are A, the next 20 % B, the next 30 % C, the rest D.</summary>
    public static GradeCutoffs Default { get; } = new(90, 70, 40);

    /// <summary>The grade of <paramref name="score"/>.</summary>
    public string GradeFor(int score) => score >= A ? "A" : score >= B ? "B" : score >= C ? "C" : "D";
}

/// <summary>What leads at or above a score cut-off amount to, per week, at the stated lead volume.</summary>
/// <param name="Score">The cut-off (0–100).</param>
/// <param name="LeadsPerWeek">Leads per week at or above it.</param>
/// <param name="Precision">Share of those that convert.</param>
/// <param name="Recall">Share of all conversions they hold.</param>
public sealed record ThresholdPoint(int Score, double LeadsPerWeek, double Precision, double Recall);

/// <summary>A recommended cut-off: what it claims (out of fold on the training rows) and what it delivered on the holdout.</summary>
/// <param name="Claimed">On the training rows, out of fold: the figures the cut-off was chosen by.</param>
/// <param name="OnHoldout">The same cut-off on the holdout rows; <see langword="null"/> without a holdout.</param>
public sealed record RecommendedCutoff(ThresholdPoint Claimed, ThresholdPoint? OnHoldout);

/// <summary>MQL and SQL cut-offs for a weekly lead volume, sales capacity and target precisions.</summary>
/// <param name="LeadsPerWeek">Leads arriving per week.</param>
/// <param name="SqlCapacity">SQLs sales can take per week.</param>
/// <param name="SqlPrecision">Share of SQLs that should convert.</param>
/// <param name="MqlPrecision">Share of MQLs that should convert.</param>
/// <param name="MarketingQualified">The MQL cut-off.</param>
/// <param name="SalesQualified">The SQL cut-off.</param>
/// <param name="Curve">Every cut-off 0–100 on the training rows (out of fold), for the report's chart.</param>
/// <param name="Notes">Plain-language caveats: targets that cannot be met, claims the holdout does not bear out.</param>
public sealed record ThresholdRecommendation(
    int LeadsPerWeek, int SqlCapacity, double SqlPrecision, double MqlPrecision,
    RecommendedCutoff MarketingQualified, RecommendedCutoff SalesQualified,
    IReadOnlyList<ThresholdPoint> Curve, IReadOnlyList<string> Notes);

/// <summary>Identifies the training history: SHA-256 over header and labelled rows, their count and positives.</summary>
/// <param name="Sha256">Lower-case hex.</param>
/// <param name="Rows">Labelled rows.</param>
/// <param name="Positives">Converted rows.</param>
public sealed record TrainingDataFingerprint(string Sha256, int Rows, int Positives);
