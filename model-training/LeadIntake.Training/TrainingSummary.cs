using System.Globalization;
using LeadIntake.Learning;

namespace LeadIntake.Training;

/// <summary>The few lines <c>train</c> prints on stdout: what was chosen, how good it is and what was left out.</summary>
public static class TrainingSummary
{
    /// <summary>Writes the summary of <paramref name="result"/> and the paths of <paramref name="files"/>.</summary>
    public static void Write(TrainingResult result, TrainingOutputFiles files, TextWriter writer)
    {
        var culture = CultureInfo.InvariantCulture;
        var report = result.Report;
        var chosen = report.Chosen;
        writer.WriteLine($"Chosen model:   {chosen.Kind} ({chosen.HyperParameters}), version {result.Artifact.ModelVersion}");
        writer.WriteLine(string.Format(
            culture, "CV AUC:         {0:0.0000} ± {1:0.0000} over {2} folds (fold range {3:0.0000}–{4:0.0000})",
            chosen.MeanAuc, chosen.AucStandardDeviation, chosen.FoldAucs.Count, chosen.FoldAucs.Min(), chosen.FoldAucs.Max()));
        writer.WriteLine(string.Format(
            culture, "Holdout AUC:    {0:0.0000} (out-of-fold, calibrated)   log loss {1:0.0000}   Brier {2:0.0000}   top-decile lift {3:0.00}",
            report.Metrics.Auc, report.Metrics.LogLoss, report.Metrics.Brier, report.Metrics.TopDecileLift));
        writer.WriteLine(string.Format(
            culture, "Fit time:       {0:0.000} s (final fit), {1:0.0} s in all", report.FitSeconds, report.TotalSeconds));
        writer.WriteLine(string.Format(
            culture, "Rows:           {0} ({1} positive = '{2}')", report.Metrics.Rows, report.Metrics.Positives, report.Profile.PositiveLabel));
        if (report.LeakWarnings.Count == 0)
        {
            writer.WriteLine("Leaks found:    none");
        }
        else
        {
            foreach (var leak in report.LeakWarnings)
            {
                writer.WriteLine(string.Format(
                    culture, "Likely leak:    '{0}' alone has AUC {1:0.0000} — {2}", leak.Column, leak.Auc,
                    leak.Dropped ? "dropped" : "KEPT as a feature; check it is known at intake time, or pass --drop-leaky"));
            }
        }

        writer.WriteLine(
            $"ID columns dropped: {(report.IdColumns.Count == 0 ? "none" : string.Join(", ", report.IdColumns.Select(c => $"'{c}'")))}");
        writer.WriteLine($"Wrote {files.ModelPath}");
        writer.WriteLine($"Wrote {files.ReportPath}");
        writer.WriteLine($"Wrote {files.MetricsPath}");
    }
}
