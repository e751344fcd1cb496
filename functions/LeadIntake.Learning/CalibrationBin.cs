namespace LeadIntake.Learning;

/// <summary>A bin of the calibration table: leads whose predicted probability fell in [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="From">Lower probability bound.</param>
/// <param name="To">Upper probability bound.</param>
/// <param name="Rows">Leads in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability in the bin.</param>
/// <param name="Observed">Observed conversion rate in the bin.</param>
public sealed record CalibrationBin(double From, double To, int Rows, double MeanPredicted, double Observed);
