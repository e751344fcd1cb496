using System.Globalization;
using LeadIntake.Scoring;

namespace LeadIntake.Training;

/// <summary>Prints <see cref="EvaluationMetrics"/> as a short console table.</summary>
public static class MetricsText
{
    /// <summary>Writes a title line, the headline metrics and the decile lift table to <paramref name="writer"/>.</summary>
    public static void Write(EvaluationMetrics metrics, string title, TextWriter writer)
    {
        var culture = CultureInfo.InvariantCulture;
        writer.WriteLine(title);
        writer.WriteLine(string.Format(
            culture, "  rows {0}, positives {1} ({2:0.0} %)", metrics.Rows, metrics.Positives,
            metrics.Rows == 0 ? 0 : 100.0 * metrics.Positives / metrics.Rows));
        writer.WriteLine(string.Format(
            culture, "  AUC {0:0.0000}   log loss {1:0.0000}   Brier {2:0.0000}   top-decile lift {3:0.00}",
            metrics.Auc, metrics.LogLoss, metrics.Brier, metrics.TopDecileLift));
        writer.WriteLine("  decile   rows  positives  precision   lift  cumulative gain");
        foreach (var decile in metrics.Lift)
        {
            writer.WriteLine(string.Format(
                culture, "  {0,6} {1,6} {2,10} {3,8:0.0} % {4,6:0.00} {5,14:0.0} %",
                decile.Decile, decile.Rows, decile.Positives, 100 * decile.Precision, decile.Lift, 100 * decile.CumulativeGain));
        }
    }
}
