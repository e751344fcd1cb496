namespace LeadIntake.Learning;

/// <summary>One tenth of the leads ranked by score (decile 1 = highest scores).</summary>
/// <param name="Decile">1–10, 1 being the top-scored tenth.</param>
/// <param name="Rows">Leads in the decile.</param>
/// <param name="Positives">Converted leads in the decile.</param>
/// <param name="MinProbability">Lowest predicted probability in the decile.</param>
/// <param name="Precision">Conversion rate in the decile.</param>
/// <param name="Lift">Precision divided by the overall conversion rate.</param>
/// <param name="CumulativeGain">Share of all conversions captured by deciles 1..this one.</param>
public sealed record LiftDecile(int Decile, int Rows, int Positives, double MinProbability, double Precision, double Lift, double CumulativeGain);
