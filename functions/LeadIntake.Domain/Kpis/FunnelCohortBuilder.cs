namespace LeadIntake.Domain.Kpis;

/// <summary>Builds the <c>FunnelCohorts</c> rows of one MQL month from the days' cohort contributions.</summary>
/// <remarks>
/// A contribution of day D counts at lag = months from the MQL month to D's month (0–11; later ones are beyond the table,
/// an earlier one, impossible for consistent rows, counts at lag 0). SQL and Won by lag k are cumulative: every
/// contribution at lag ≤ k. MQLs are the MQL contributions of the month's own days.
/// </remarks>
public static class FunnelCohortBuilder
{
    /// <summary>The cohort rows of <paramref name="month"/> (<c>yyyy-MM</c>), ordered by dimension then value; contributions to other months are ignored.</summary>
    public static IReadOnlyList<FunnelCohortRow> Build(string month, IReadOnlyList<CohortContribution> contributions)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        return
        [
            .. contributions
                .Where(c => c.CohortMonth == month)
                .GroupBy(c => (c.Dimension, c.Value))
                .OrderBy(g => g.Key.Dimension).ThenBy(g => g.Key.Value, StringComparer.Ordinal)
                .Select(g => Row(month, g.Key.Dimension, g.Key.Value, g)),
        ];
    }

    private static FunnelCohortRow Row(string month, KpiDimension dimension, string value, IEnumerable<CohortContribution> contributions)
    {
        var sqlAt = new int[FunnelCohortRow.Lags];
        var wonAt = new int[FunnelCohortRow.Lags];
        var mqls = 0;
        foreach (var c in contributions)
        {
            mqls += c.Mqls;
            var lag = Math.Max(0, KpiCalendar.MonthsBetween(month, KpiCalendar.MonthKey(c.Day)));
            if (lag >= FunnelCohortRow.Lags)
                continue;
            sqlAt[lag] += c.Sqls;
            wonAt[lag] += c.Won;
        }

        return new FunnelCohortRow(month, dimension, value, mqls, Cumulative(sqlAt), Cumulative(wonAt));
    }

    private static int[] Cumulative(int[] perLag)
    {
        var total = 0;
        return [.. perLag.Select(count => total += count)];
    }
}
