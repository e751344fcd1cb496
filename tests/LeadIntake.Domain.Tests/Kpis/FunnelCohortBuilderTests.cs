using LeadIntake.Domain.Kpis;
using static LeadIntake.Domain.Tests.Kpis.KpiTestData;

namespace LeadIntake.Domain.Tests.Kpis;

public class FunnelCohortBuilderTests
{
    [Fact]
    public void Build_ContributionsOverMonths_CumulativeByLag()
    {
        // January cohort: 10 MQLs over two January days; SQLs 2 in January, 3 in February, 1 in April; won 1 in April;
        // a contribution 12 months on (January 2027) is past lag 11; one to the February cohort is another month's.
        CohortContribution[] contributions =
        [
            new(Day("2026-01-05"), "2026-01", KpiDimension.All, "all", 6, 1, 0),
            new(Day("2026-01-20"), "2026-01", KpiDimension.All, "all", 4, 1, 0),
            new(Day("2026-02-11"), "2026-01", KpiDimension.All, "all", 0, 3, 0),
            new(Day("2026-04-30"), "2026-01", KpiDimension.All, "all", 0, 1, 1),
            new(Day("2027-01-02"), "2026-01", KpiDimension.All, "all", 0, 1, 0),
            new(Day("2026-02-11"), "2026-02", KpiDimension.All, "all", 5, 0, 0),
            new(Day("2026-01-05"), "2026-01", KpiDimension.Channel, "paid_search", 6, 1, 0),
        ];

        var rows = FunnelCohortBuilder.Build("2026-01", contributions);

        Assert.Equal([(KpiDimension.All, "all"), (KpiDimension.Channel, "paid_search")], rows.Select(r => (r.Dimension, r.Value)));
        var all = rows[0];
        Assert.Equal(10, all.Mqls);
        Assert.Equal([2, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6], all.SqlByLag);
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1], all.WonByLag);
        Assert.Equal(6, rows[1].Mqls);
        Assert.Equal(Enumerable.Repeat(1, 12), rows[1].SqlByLag);
    }
}
