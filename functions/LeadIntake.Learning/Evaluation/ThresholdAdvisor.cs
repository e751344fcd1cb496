namespace LeadIntake.Learning.Evaluation;

/// <summary>Turns out-of-fold scores into MQL/SQL thresholds for a weekly lead volume, sales capacity and target precisions.</summary>
/// <remarks>
/// SQL: the lowest score whose promoted share × weekly volume fits the capacity and whose precision reaches the SQL target
/// (if no score reaches the target within capacity, the lowest that fits the capacity, with a note). MQL: the lowest score,
/// not above SQL, from which the leads in the next ten points convert at the MQL target rate or better — the marginal lead
/// must be worth marketing's time, not just the average of the pile (else the SQL threshold, with a note).
/// </remarks>
internal static class ThresholdAdvisor
{
    public static ThresholdRecommendation Recommend(int[] scores, double[] labels, TrainingOptions options)
    {
        var points = Enumerable.Range(0, 101).Select(t => PointAt(t, scores, labels, options.WeeklyLeadVolume)).ToArray();
        var notes = new List<string>();
        var fits = points.Where(p => p.LeadsPerWeek <= options.WeeklySalesCapacity).ToArray();
        var sql = fits.FirstOrDefault(p => p.Precision >= options.SqlTargetPrecision);
        if (sql is null)
        {
            sql = fits.FirstOrDefault() ?? points[^1];
            notes.Add($"No threshold reaches the SQL target precision {options.SqlTargetPrecision:P0} within {options.WeeklySalesCapacity} SQLs a week; the SQL threshold only fits capacity.");
        }

        var mql = points.FirstOrDefault(p => p.Score <= sql.Score && BandRate(p.Score, scores, labels) >= options.MqlTargetPrecision);
        if (mql is null)
        {
            mql = sql;
            notes.Add($"No score band below the SQL threshold converts at the MQL target rate {options.MqlTargetPrecision:P0}; MQL = SQL.");
        }

        notes.Add($"Assumes {options.WeeklyLeadVolume} leads a week scoring like the training history (out-of-fold scores).");
        return new ThresholdRecommendation(options.WeeklyLeadVolume, options.WeeklySalesCapacity, mql, sql, notes);
    }

    private static double BandRate(int from, int[] scores, double[] labels)
    {
        double rows = 0, converted = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] < from || scores[i] >= from + 10)
                continue;
            rows++;
            converted += labels[i];
        }

        return rows > 0 ? converted / rows : 0;
    }

    private static ThresholdPoint PointAt(int threshold, int[] scores, double[] labels, int weeklyVolume)
    {
        double promoted = 0, converted = 0, positives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            positives += labels[i];
            if (scores[i] < threshold)
                continue;
            promoted++;
            converted += labels[i];
        }

        var share = scores.Length > 0 ? promoted / scores.Length : 0;
        return new ThresholdPoint(threshold, share * weeklyVolume, promoted > 0 ? converted / promoted : 0, positives > 0 ? converted / positives : 0);
    }
}
