using System.Globalization;
using System.Text;
using LeadIntake.Learning.Reporting;

namespace LeadIntake.Learning;

/// <summary>Renders a <see cref="TrainingResult"/> as one self-contained, offline HTML page with inline SVG charts.</summary>
/// <remarks>
/// No scripts, fonts or links to fetch. Every text from the data is HTML-escaped. Stable ids for tests and readers:
/// charts <c>roc-chart, lift-chart, gains-chart, calibration-chart, score-distribution-chart, importance-chart</c>;
/// sections <c>summary, cross-validation, leakage, id-columns, excluded-columns, columns, thresholds, grades, calibration-table, scorecard</c>.
/// </remarks>
public static class TrainingReportHtml
{
    /// <summary>The report page.</summary>
    public static string Render(TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var artifact = result.Artifact;
        var report = result.Report;
        var profile = report.Profile;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lead model report ")
            .Append(E(artifact.ModelVersion)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}table{border-collapse:collapse;margin:.5em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f3f3f3}.warn{color:#a00;font-weight:bold}")
            .Append(".chart{margin:.5em 1em .5em 0;vertical-align:top}.series.model{stroke:#1f6fd1}.series.ideal{stroke:#999}.bar{fill:#1f6fd1}")
            .Append(".bar.negative{fill:#d9822b}.bar.baseline{fill:#bbb}section{margin-bottom:1.5em}</style></head><body>");

        html.Append("<h1>Lead model report</h1><section id=\"summary\"><table>");
        Row(html, "Model version", artifact.ModelVersion);
        Row(html, "Model kind", $"{artifact.ModelKind} ({report.Chosen.Name})");
        Row(html, "Created at", artifact.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        Row(html, "Label", $"{profile.Label}: positive = \"{profile.PositiveLabel}\"; negative = {string.Join(", ", profile.NegativeLabels.Select(v => $"\"{v}\""))}");
        Row(html, "Rows / positives", $"{profile.Rows} / {profile.Positives} ({Pct((double)profile.Positives / Math.Max(1, profile.Rows))})");
        Row(html, "Out-of-fold ROC AUC", F(report.Metrics.Auc, 4));
        Row(html, "Out-of-fold log loss", F(report.Metrics.LogLoss, 4));
        Row(html, "Out-of-fold Brier score", F(report.Metrics.Brier, 4));
        Row(html, "Top-decile lift", F(report.Metrics.TopDecileLift, 2));
        Row(html, "Fit time of the chosen model", $"{F(report.FitSeconds, 3)} s");
        Row(html, "Whole training (incl. cross-validation)", $"{F(report.TotalSeconds, 3)} s");
        Row(html, "Training data SHA-256", artifact.TrainingData.Sha256);
        html.Append("</table><p>All metrics and charts are out-of-fold: each lead was scored by a model that never saw it.</p></section>");

        html.Append("<section id=\"cross-validation\"><h2>Model choice by cross-validated AUC</h2><table><tr><th>Candidate</th><th>Hyper-parameters</th><th>Fold AUCs</th><th>Mean AUC</th><th>Spread (sd)</th><th>Rounds</th></tr>");
        foreach (var candidate in report.Candidates)
        {
            var chosen = candidate.Name == report.Chosen.Name ? " (chosen)" : "";
            html.Append("<tr><td>").Append(E(candidate.Name + chosen)).Append("</td><td>").Append(E(candidate.HyperParameters)).Append("</td><td>")
                .Append(E(string.Join(" ", candidate.FoldAucs.Select(a => F(a, 4))))).Append("</td><td>").Append(F(candidate.MeanAuc, 4))
                .Append("</td><td>±").Append(F(candidate.AucStandardDeviation, 4)).Append("</td><td>")
                .Append(candidate.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "").Append("</td></tr>");
        }

        html.Append("</table></section>");

        html.Append("<section id=\"leakage\"><h2>Leakage warnings</h2><p>").Append(E(profile.LeakRule)).Append("</p>");
        if (report.LeakWarnings.Count == 0)
            html.Append("<p>No column was flagged.</p>");
        foreach (var leak in report.LeakWarnings)
        {
            html.Append("<p class=\"warn leak-warning\">Likely leak: ").Append(E(leak.Column)).Append(" (single-column AUC ").Append(F(leak.Auc, 3))
                .Append(leak.Dropped ? ") — dropped." : ") — still used; exclude it or retrain with drop-leaky if it is filled in after intake.").Append("</p>");
        }

        html.Append("</section><section id=\"id-columns\"><h2>ID columns dropped</h2>")
            .Append(report.IdColumns.Count == 0 ? "<p>None.</p>" : "<ul>" + string.Concat(report.IdColumns.Select(c => $"<li>{E(c)}</li>")) + "</ul>")
            .Append("</section>");

        html.Append("<section id=\"excluded-columns\"><h2>Excluded columns</h2><table><tr><th>Column</th><th>Reason</th></tr>");
        foreach (var excluded in artifact.Schema.Excluded)
            html.Append("<tr><td>").Append(E(excluded.Name)).Append("</td><td>").Append(E(excluded.Reason)).Append("</td></tr>");
        html.Append("</table></section>");

        html.Append("<section id=\"columns\"><h2>Columns</h2><table><tr><th>Column</th><th>Kind</th><th>Missing</th><th>Distinct</th><th>Single-column AUC</th><th>Used</th></tr>");
        foreach (var column in profile.Columns)
        {
            html.Append("<tr><td>").Append(E(column.Name)).Append("</td><td>").Append(column.Kind).Append("</td><td>").Append(Pct(column.MissingRate))
                .Append("</td><td>").Append(column.DistinctCount).Append("</td><td>").Append(column.SingleColumnAuc is { } auc ? F(auc, 3) : "")
                .Append(column.IsLikelyLeak ? " <span class=\"warn\">leak?</span>" : "").Append("</td><td>")
                .Append(E(column.ExcludedReason is null ? "yes" : "no: " + column.ExcludedReason)).Append("</td></tr>");
        }

        html.Append("</table></section>");

        html.Append("<section id=\"charts\"><h2>Charts</h2>");
        html.Append(SvgChart.UnitLines("roc-chart", $"ROC curve (AUC {F(report.Metrics.Auc, 3)})", "false positive rate", "true positive rate", true,
            ("model", "model", report.Roc.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)).ToArray())));
        var deciles = report.Metrics.Lift;
        html.Append(SvgChart.Bars("lift-chart", "Lift by decile (1 = top scores)", "lift", deciles.Select(d => d.Decile.ToString(CultureInfo.InvariantCulture)).ToArray(),
            ("lift", "model", deciles.Select(d => d.Lift).ToArray())));
        html.Append(SvgChart.UnitLines("gains-chart", "Cumulative gains", "share of leads contacted", "share of conversions captured", true,
            ("model", "model", new[] { (0.0, 0.0) }.Concat(deciles.Select(d => (d.Decile / 10.0, d.CumulativeGain))).ToArray())));
        html.Append(SvgChart.UnitLines("calibration-chart", "Calibration (predicted vs observed)", "mean predicted probability", "observed conversion rate", true,
            ("model", "model", report.Metrics.Calibration.Select(b => (b.MeanPredicted, b.Observed)).ToArray())));
        html.Append(SvgChart.Bars("score-distribution-chart", "Score distribution by outcome", "leads",
            report.ScoreDistribution.Select(b => $"{b.From}–{Math.Min(b.To - 1, 100)}").ToArray(),
            ("converted", "positive", report.ScoreDistribution.Select(b => (double)b.Positives).ToArray()),
            ("not converted", "negative", report.ScoreDistribution.Select(b => (double)b.Negatives).ToArray())));
        html.Append(SvgChart.HorizontalBars("importance-chart", "Feature importance (mean |contribution|, log-odds)",
            report.FeatureImportance.Select(i => (i.Feature, i.Importance)).ToArray()));
        html.Append("</section>");

        html.Append("<section id=\"lift-table\"><h2>Lift and gains by decile</h2><table><tr><th>Decile</th><th>Leads</th><th>Converted</th><th>Min probability</th><th>Precision</th><th>Lift</th><th>Cumulative gain</th></tr>");
        foreach (var d in deciles)
        {
            html.Append($"<tr><td>{d.Decile}</td><td>{d.Rows}</td><td>{d.Positives}</td><td>{F(d.MinProbability, 3)}</td><td>{Pct(d.Precision)}</td><td>{F(d.Lift, 2)}</td><td>{Pct(d.CumulativeGain)}</td></tr>");
        }

        html.Append("</table></section>");

        html.Append("<section id=\"calibration-table\"><h2>Calibration table</h2><p>Platt scaling fitted on the out-of-fold raw scores: p = 1 / (1 + exp(−(")
            .Append(F(artifact.Calibration.A, 4)).Append(" · raw + ").Append(F(artifact.Calibration.B, 4)).Append(")))</p><table><tr><th>Predicted</th><th>Leads</th><th>Mean predicted</th><th>Observed</th></tr>");
        foreach (var bin in report.Metrics.Calibration)
            html.Append($"<tr><td>{F(bin.From, 1)}–{F(bin.To, 1)}</td><td>{bin.Rows}</td><td>{F(bin.MeanPredicted, 3)}</td><td>{F(bin.Observed, 3)}</td></tr>");
        html.Append("</table></section>");

        var t = report.Thresholds;
        html.Append("<section id=\"thresholds\"><h2>Recommended thresholds</h2><p>For ").Append(t.WeeklySalesCapacity)
            .Append(" SQLs a week out of ").Append(t.WeeklyLeadVolume).Append(" leads a week.</p><table><tr><th>Stage</th><th>Min score</th><th>Leads / week</th><th>Precision</th><th>Recall</th></tr>");
        foreach (var (stage, point) in new[] { ("MQL (marketing-qualified)", t.MarketingQualified), ("SQL (sales-qualified)", t.SalesQualified) })
            html.Append($"<tr><td>{E(stage)}</td><td>{point.Score}</td><td>{F(point.LeadsPerWeek, 1)}</td><td>{Pct(point.Precision)}</td><td>{Pct(point.Recall)}</td></tr>");
        html.Append("</table>").Append(string.Concat(t.Notes.Select(n => $"<p>{E(n)}</p>"))).Append("</section>");

        html.Append("<section id=\"grades\"><h2>Grades</h2><p>A ≥ ").Append(report.Grades.A).Append(", B ≥ ").Append(report.Grades.B)
            .Append(", C ≥ ").Append(report.Grades.C).Append(", D below (about 10 % / 20 % / 30 % / 40 % of the training leads).</p></section>");

        html.Append("<section id=\"scorecard\"><h2>Scorecard (logistic regression)</h2><p>Points relative to an average lead; 20 points double the odds.")
            .Append(artifact.Linear is null ? " Shown for explanation: the chosen model is the tree ensemble, whose reasons come from path attribution." : "")
            .Append("</p><table><tr><th>Feature</th><th>Value</th><th>Points</th></tr>");
        foreach (var entry in report.Scorecard)
            html.Append("<tr><td>").Append(E(entry.Feature)).Append("</td><td>").Append(E(entry.Value)).Append("</td><td>").Append(F(entry.Points, 1)).Append("</td></tr>");
        html.Append("</table></section></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static string E(string? text) => SvgChart.Escape(text);

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
