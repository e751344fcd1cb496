using System.Globalization;
using LeadIntake.Learning;

namespace LeadIntake.Training;

/// <summary>The few lines <c>train</c> prints on stdout: what was chosen, how good it is on the holdout, what was left out.</summary>
public static class TrainingSummary
{
    /// <summary>Writes the summary of <paramref name="result"/> and the paths of <paramref name="files"/>.</summary>
    public static void Write(TrainingResult result, TrainingOutputFiles files, TextWriter writer)
    {
        var culture = CultureInfo.InvariantCulture;
        var card = result.Card;
        var report = result.Report;
        var chosen = card.Candidates.Single(c => c.Name == card.Chosen);
        writer.WriteLine($"Chosen model:   {chosen.Name} ({chosen.Options}), version {card.ModelVersion}");
        writer.WriteLine(string.Format(
            culture, "CV AUC:         {0:0.0000} ± {1:0.0000} over {2} folds (fold range {3:0.0000}–{4:0.0000})",
            chosen.MeanAuc, chosen.AucStandardDeviation, chosen.FoldAucs.Count, chosen.FoldAucs.Min(), chosen.FoldAucs.Max()));
        writer.WriteLine(card.Holdout is { } h
            ? string.Format(culture, "Holdout AUC:    {0:0.0000} on {1} held-out leads ({2})   log loss {3:0.0000}   Brier {4:0.0000}   top-decile lift {5:0.00}",
                h.Auc, h.Rows, card.HoldoutSplit.Method, h.LogLoss, h.Brier, h.TopDecileLift)
            : "Holdout AUC:    none (--holdout 0); publish needs --force");
        var sql = card.Thresholds.SalesQualified;
        var mql = card.Thresholds.MarketingQualified;
        writer.WriteLine(string.Format(
            culture, "Cut-offs:       MQL ≥ {0}, SQL ≥ {1}: {2:0.0} SQLs a week at {3:P0} claimed{4}",
            mql.Claimed.Score, sql.Claimed.Score, sql.Claimed.LeadsPerWeek, sql.Claimed.Precision,
            sql.OnHoldout is { } held ? string.Format(culture, ", {0:0.0} at {1:P0} on the holdout", held.LeadsPerWeek, held.Precision) : ""));
        writer.WriteLine(string.Format(culture, "Fit time:       {0:0.000} s (final fit), {1:0.0} s in all", report.FitSeconds, report.TotalSeconds));
        writer.WriteLine(string.Format(
            culture, "Rows:           {0} for training ({1} positive = '{2}')", card.TrainingData.Rows, card.TrainingData.Positives, card.PositiveLabel));
        var leaks = report.Profile.LikelyLeaks;
        if (leaks.Count == 0)
            writer.WriteLine("Leaks found:    none");
        foreach (var leak in leaks)
        {
            writer.WriteLine(string.Format(
                culture, "Likely leak:    '{0}' alone has AUC {1:0.0000} — {2}", leak.Name, leak.SingleColumnAuc ?? 0,
                leak.ExcludedReason is null ? "KEPT as a feature; check it is known at intake time, or pass --drop-leaky" : "dropped"));
        }

        foreach (var column in report.Profile.Columns.Where(c => c.Notes.Count > 0))
            writer.WriteLine($"Column note:    '{column.Name}': {string.Join("; ", column.Notes)}");
        var ids = report.Profile.IdColumns;
        writer.WriteLine($"ID columns dropped: {(ids.Count == 0 ? "none" : string.Join(", ", ids.Select(c => $"'{c}'")))}");
        foreach (var path in new[] { files.ModelPath, files.CardPath, files.MetricsPath, files.ReportPath, files.HoldoutRowsPath }.OfType<string>())
            writer.WriteLine($"Wrote {path}");
    }
}
