using LeadIntake.Scoring;

namespace LeadIntake.Learning.Evaluation;

/// <summary>MQL/SQL cut-offs from out-of-fold scores, checked on the holdout.</summary>
/// <remarks>
/// SQL: the lowest score whose leads per week fit <see cref="TrainingOptions.SqlCapacity"/> and convert at
/// <see cref="TrainingOptions.SqlPrecision"/> or better (else the lowest that fits, with a note). MQL: the lowest score below
/// SQL whose leads convert at <see cref="TrainingOptions.MqlPrecision"/> or better (else MQL = SQL, with the reason). Each is
/// then measured on the holdout; a claim the holdout does not bear out (more than 15 % more SQLs than capacity, or precision
/// 5 points under the claim) gets a note.
/// </remarks>
internal static class ThresholdAdvisor
{
    public static ThresholdRecommendation Recommend(int[] scores, bool[] labels, int[]? holdoutScores, bool[]? holdoutLabels, TrainingOptions options)
    {
        var curve = Enumerable.Range(0, 101).Select(t => PointAt(t, scores, labels, options.LeadsPerWeek)).ToArray();
        var notes = new List<string>();
        var fits = curve.Where(p => p.LeadsPerWeek <= options.SqlCapacity).ToArray();
        var sql = fits.FirstOrDefault(p => p.Precision >= options.SqlPrecision);
        if (sql is null)
        {
            sql = fits.FirstOrDefault() ?? curve[^1];
            notes.Add($"No cut-off reaches {options.SqlPrecision:P0} precision within {options.SqlCapacity} SQLs a week; the SQL cut-off only fits capacity.");
        }

        var mql = curve.FirstOrDefault(p => p.Score < sql.Score && p.Precision >= options.MqlPrecision);
        if (mql is null)
        {
            mql = sql;
            notes.Add($"MQL cannot sit below SQL: no lower cut-off converts at {options.MqlPrecision:P0} or better, so MQL = SQL.");
        }

        RecommendedCutoff Check(string stage, ThresholdPoint claimed, double? capacity)
        {
            if (holdoutScores is null || holdoutLabels is null)
                return new RecommendedCutoff(claimed, null);
            var held = PointAt(claimed.Score, holdoutScores, holdoutLabels, options.LeadsPerWeek);
            if ((capacity is { } c && held.LeadsPerWeek > c * 1.15) || held.Precision < claimed.Precision - 0.05)
                notes.Add($"On the holdout, {stage} ≥ {claimed.Score} gave {held.LeadsPerWeek:0} leads a week at {held.Precision:P0} (claimed {claimed.LeadsPerWeek:0} at {claimed.Precision:P0}).");
            return new RecommendedCutoff(claimed, held);
        }

        var sqlCutoff = Check("SQL", sql, options.SqlCapacity);
        var mqlCutoff = Check("MQL", mql, null);
        notes.Add($"Assumes {options.LeadsPerWeek} leads a week scoring like the history.");
        return new ThresholdRecommendation(options.LeadsPerWeek, options.SqlCapacity, options.SqlPrecision, options.MqlPrecision, mqlCutoff, sqlCutoff, curve, notes);
    }

    private static ThresholdPoint PointAt(int threshold, int[] scores, bool[] labels, int leadsPerWeek)
    {
        double promoted = 0, converted = 0, positives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            positives += labels[i] ? 1 : 0;
            if (scores[i] < threshold)
                continue;
            promoted++;
            converted += labels[i] ? 1 : 0;
        }

        var share = scores.Length > 0 ? promoted / scores.Length : 0;
        return new ThresholdPoint(threshold, share * leadsPerWeek, promoted > 0 ? converted / promoted : 0, positives > 0 ? converted / positives : 0);
    }
}
