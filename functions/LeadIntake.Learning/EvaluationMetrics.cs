namespace LeadIntake.Learning;

/// <summary>How well probabilities match outcomes on a set of leads; its JSON form is <c>metrics.json</c>.</summary>
/// <param name="Auc">ROC AUC (ties count half).</param>
/// <param name="LogLoss">Mean negative log-likelihood (natural log, probabilities clipped to [1e-15, 1-1e-15]).</param>
/// <param name="Brier">Mean squared error of the probability.</param>
/// <param name="Rows">Leads evaluated.</param>
/// <param name="Positives">Converted leads among them.</param>
/// <param name="Lift">Decile lift/gains table, top decile first.</param>
/// <param name="Calibration">Calibration table (ten equal-width probability bins; empty bins omitted).</param>
public sealed record EvaluationMetrics(
    double Auc,
    double LogLoss,
    double Brier,
    int Rows,
    int Positives,
    IReadOnlyList<LiftDecile> Lift,
    IReadOnlyList<CalibrationBin> Calibration)
{
    /// <summary>Lift of the top-scored tenth (precision there ÷ base rate).</summary>
    public double TopDecileLift => Lift.Count > 0 ? Lift[0].Lift : double.NaN;

    /// <summary>The metrics as indented JSON (camelCase): <c>auc, logLoss, brier, rows, positives, lift, calibration, topDecileLift</c>.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Artifacts.ArtifactJsonContext.Default.EvaluationMetrics);
}
