namespace LeadIntake.Domain.Kpis;

/// <summary>Builds one UTC day's aggregate rows from the day's stage moves and hand-offs.</summary>
public static class FunnelDayAggregator
{
    /// <summary>The aggregate rows of <paramref name="day"/>.</summary>
    public static FunnelDay Aggregate(DateOnly day, IReadOnlyList<FunnelMove> moves, IReadOnlyList<SalesCycle> cycles) =>
        throw new NotImplementedException();
}
