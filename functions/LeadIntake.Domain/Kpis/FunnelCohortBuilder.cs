namespace LeadIntake.Domain.Kpis;

/// <summary>Builds the <c>FunnelCohorts</c> rows of one MQL month from the days' cohort contributions.</summary>
public static class FunnelCohortBuilder
{
    /// <summary>The cohort rows of <paramref name="month"/>, ordered by dimension then value.</summary>
    public static IReadOnlyList<FunnelCohortRow> Build(string month, IReadOnlyList<CohortContribution> contributions) =>
        throw new NotImplementedException();
}
