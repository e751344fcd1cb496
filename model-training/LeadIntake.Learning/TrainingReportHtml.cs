using System.Globalization;
using System.Text;
using LeadIntake.Learning.Reporting;
using LeadIntake.Scoring;
using static LeadIntake.Learning.Reporting.SvgChart;

namespace LeadIntake.Learning;

/// <summary>Renders a <see cref="TrainingResult"/> as one self-contained, offline HTML page a data team can hand to marketing.</summary>
/// <remarks>
/// No scripts, fonts or links. Every chart has a visible title, axis labels and legend; score charts mark the MQL and SQL
/// cut-offs. Stable ids: charts <c>roc-chart, gains-chart, lift-chart, calibration-chart, score-distribution-chart,
/// threshold-chart, importance-chart</c>; sections <c>summary, cross-validation, leakage, columns, thresholds, grades, scorecard</c>.
/// </remarks>
public static class TrainingReportHtml
{
    /// <summary>The report page.</summary>
    public static string Render(TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var card = result.Card;
        var report = result.Report;
        var profile = report.Profile;
        var metrics = result.Metrics;
        var t = card.Thresholds;
        var mql = t.MarketingQualified.Claimed.Score;
        var sql = t.SalesQualified.Claimed.Score;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lead model report ").Append(E(card.ModelVersion))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}table{border-collapse:collapse;margin:.5em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f3f3f3}.warn{color:#a00;font-weight:bold}.chart{margin:.5em 1em .5em 0;vertical-align:top}</style></head><body>");

        html.Append("<h1>Lead model report</h1><section id=\"summary\"><table>");
        Row(html, "Model version", card.ModelVersion);
        Row(html, "Model", $"{card.ModelKind} ({card.Chosen}), ML.NET {card.MlNetVersion}");
        Row(html, "Created at", card.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        Row(html, "Label", $"{profile.Label}: converted = \"{profile.PositiveLabel}\"");
        Row(html, "Holdout", $"{card.HoldoutSplit.Method}: {card.HoldoutSplit.HoldoutRows} leads held out, {card.HoldoutSplit.TrainingRows} for training");
        Row(html, card.Holdout is null ? "Out-of-fold ROC AUC (no holdout)" : "Holdout ROC AUC", F(metrics.Auc, 4));
        Row(html, "Log loss / Brier", $"{F(metrics.LogLoss, 4)} / {F(metrics.Brier, 4)}");
        Row(html, "Top-decile lift", F(metrics.TopDecileLift, 2));
        Row(html, "Cross-validated (out-of-fold) ROC AUC", F(card.CrossValidated.Auc, 4));
        Row(html, "Fit time / whole training", $"{F(report.FitSeconds, 3)} s / {F(report.TotalSeconds, 1)} s");
        Row(html, "Training data SHA-256", card.TrainingData.Sha256);
        html.Append("</table><p>Charts below use the ").Append(E(report.EvaluatedOn)).Append(": leads no model choice saw.</p></section>");

        html.Append("<section id=\"cross-validation\"><h2>Model choice</h2><p>").Append(E(card.ChoiceRule))
            .Append("</p><table><tr><th>Candidate</th><th>Options</th><th>Fold AUCs</th><th>Mean AUC</th><th>Spread (sd)</th></tr>");
        foreach (var c in card.Candidates)
        {
            html.Append("<tr><td>").Append(E(c.Name + (c.Name == card.Chosen ? " (chosen)" : ""))).Append("</td><td>").Append(E(c.Options)).Append("</td><td>")
                .Append(E(string.Join(" ", c.FoldAucs.Select(a => F(a, 4))))).Append("</td><td>").Append(F(c.MeanAuc, 4)).Append("</td><td>±").Append(F(c.AucStandardDeviation, 4)).Append("</td></tr>");
        }

        html.Append("</table></section><section id=\"leakage\"><h2>Leakage check</h2><p>").Append(E(profile.LeakRule)).Append("</p>");
        if (profile.LikelyLeaks.Count == 0)
            html.Append("<p>No column was flagged.</p>");
        foreach (var leak in profile.LikelyLeaks)
        {
            html.Append("<p class=\"warn leak-warning\">Likely leak: ").Append(E(leak.Name)).Append(" (single-column AUC ").Append(F(leak.SingleColumnAuc ?? 0, 3))
                .Append(leak.ExcludedReason is null ? ") — still used; check it is known when a lead arrives." : ") — dropped.").Append("</p>");
        }

        html.Append("</section><section id=\"columns\"><h2>Columns</h2><table><tr><th>Column</th><th>Kind</th><th>Missing</th><th>Distinct</th><th>Single-column AUC</th><th>Used</th><th>Notes</th></tr>");
        foreach (var column in profile.Columns)
        {
            html.Append("<tr><td>").Append(E(column.Name)).Append("</td><td>").Append(column.Kind).Append("</td><td>").Append(Pct(column.MissingRate))
                .Append("</td><td>").Append(column.DistinctCount).Append("</td><td>").Append(column.SingleColumnAuc is { } auc ? F(auc, 3) : "")
                .Append("</td><td>").Append(E(column.ExcludedReason is null ? "yes" : "no: " + column.ExcludedReason)).Append("</td><td>")
                .Append(E(string.Join("; ", column.Notes))).Append("</td></tr>");
        }

        html.Append("</table></section><section id=\"charts\"><h2>How well it ranks</h2>");
        html.Append(Lines("roc-chart", $"ROC curve (AUC {F(metrics.Auc, 3)})", "false positive rate", "true positive rate", 1, 1,
            [new Series("model", report.Roc), new Series("random", [(0, 0), (1, 1)])]));
        html.Append(Lines("gains-chart", "Cumulative gains", "share of leads contacted, best first", "share of conversions captured", 1, 1,
            [new Series("model", [(0, 0), .. metrics.Lift.Select(d => (d.Decile / 10.0, d.CumulativeGain))]), new Series("random", [(0, 0), (1, 1)])]));
        html.Append(Bars("lift-chart", "Lift by decile", "decile (1 = highest probabilities)", "conversion rate ÷ average",
            [.. metrics.Lift.Select(d => d.Decile.ToString(CultureInfo.InvariantCulture))], [("lift", [.. metrics.Lift.Select(d => d.Lift)])]));
        html.Append(Lines("calibration-chart", "Calibration: predicted vs observed", "mean predicted probability", "observed conversion rate", 1, 1,
            [new Series("model", [.. report.Calibration.Select(b => (b.MeanPredicted, b.Observed))]), new Series("perfect", [(0, 0), (1, 1)])]));
        html.Append("</section><section id=\"score-charts\"><h2>Scores and cut-offs</h2>");
        Marker[] bands = [new(mql / 10.0, $"MQL ≥ {mql}"), new(sql / 10.0, $"SQL ≥ {sql}")];
        html.Append(Bars("score-distribution-chart", "Leads per score band", "score band (0–100)", "leads",
            [.. report.ScoreDistribution.Select(b => $"{b.From}–{(b.From == 90 ? 100 : b.From + 9)}")],
            [("converted", [.. report.ScoreDistribution.Select(b => (double)b.Converted)]), ("not converted", [.. report.ScoreDistribution.Select(b => (double)b.NotConverted)])], bands));
        var weekMax = Math.Max(1, t.Curve.Max(p => p.LeadsPerWeek));
        html.Append(Lines("threshold-chart", "SQLs per week and precision by cut-off", "cut-off score",
            $"per week ÷ {F(weekMax, 0)}  ·  precision", 100, 1,
            [new Series($"leads per week at or above (÷ {F(weekMax, 0)})", [.. t.Curve.Select(p => ((double)p.Score, p.LeadsPerWeek / weekMax))]),
             new Series("precision", [.. t.Curve.Select(p => ((double)p.Score, p.Precision))])],
            [new Marker(mql, $"MQL ≥ {mql}"), new Marker(sql, $"SQL ≥ {sql}")]));
        html.Append(HorizontalBars("importance-chart", "What drives the score", "mean |contribution| to the log-odds, per lead", report.FeatureImportance));
        html.Append("</section>");

        html.Append("<section id=\"thresholds\"><h2>Recommended cut-offs</h2><p>For ").Append(t.LeadsPerWeek).Append(" leads a week, ").Append(t.SqlCapacity)
            .Append(" SQLs sales can take a week, SQL precision ").Append(Pct(t.SqlPrecision)).Append(", MQL precision ").Append(Pct(t.MqlPrecision))
            .Append(".</p><table><tr><th>Stage</th><th>Score at least</th><th>Leads / week (claimed)</th><th>Precision (claimed)</th><th>Leads / week (holdout)</th><th>Precision (holdout)</th></tr>");
        foreach (var (stage, cut) in new[] { ("MQL (marketing-qualified)", t.MarketingQualified), ("SQL (sales-qualified)", t.SalesQualified) })
        {
            html.Append($"<tr><td>{E(stage)}</td><td>{cut.Claimed.Score}</td><td>{F(cut.Claimed.LeadsPerWeek, 1)}</td><td>{Pct(cut.Claimed.Precision)}</td>")
                .Append($"<td>{(cut.OnHoldout is { } h ? F(h.LeadsPerWeek, 1) : "–")}</td><td>{(cut.OnHoldout is { } p ? Pct(p.Precision) : "–")}</td></tr>");
        }

        html.Append("</table>").Append(string.Concat(t.Notes.Select(n => $"<p>{E(n)}</p>"))).Append("</section>");
        html.Append("<section id=\"grades\"><h2>Score and grades</h2><p>The score is the share of past leads with a lower predicted probability: 80 means better than 80 % of them. ")
            .Append($"A ≥ {card.Grades.A}, B ≥ {card.Grades.B}, C ≥ {card.Grades.C}, D below (about 10 / 20 / 30 / 40 % of leads). The probability is stored beside it.</p></section>");
        html.Append("<section id=\"scorecard\"><h2>Scorecard (logistic regression)</h2><p>Points add up on the log-odds scale; 20 points double the odds of converting. ")
            .Append("Numbers: points per standard deviation above the typical value. Categories: points against a lead whose value is missing or rare.</p><table><tr><th>Feature</th><th>Value</th><th>Points</th></tr>");
        foreach (var (feature, value, points) in report.Scorecard)
            html.Append("<tr><td>").Append(E(feature)).Append("</td><td>").Append(E(value)).Append("</td><td>").Append(F(points, 1)).Append("</td></tr>");
        html.Append("</table></section></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
