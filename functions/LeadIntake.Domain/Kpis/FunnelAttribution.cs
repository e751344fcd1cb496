namespace LeadIntake.Domain.Kpis;

/// <summary>Where a lead came from and who owns it, as the KPIs break it down.</summary>
/// <param name="Channel">The acquisition channel's code (<c>paid_search</c>, …): the first touch's.</param>
/// <param name="Campaign">The first touch's campaign, or null.</param>
/// <param name="Form">The form of the first submission, or null.</param>
/// <param name="Owner">The sales owner at the time, or null.</param>
public sealed record FunnelAttribution(string Channel, string? Campaign, string? Form, string? Owner)
{
    /// <summary>The value of <paramref name="dimension"/>: <c>all</c> for <see cref="KpiDimension.All"/>, <see cref="KpiDimensionCodes.None"/> when empty.</summary>
    public string ValueOf(KpiDimension dimension) => dimension switch
    {
        KpiDimension.All => "all",
        KpiDimension.Channel => Channel,
        KpiDimension.Campaign => Campaign ?? KpiDimensionCodes.None,
        KpiDimension.Form => Form ?? KpiDimensionCodes.None,
        KpiDimension.Owner => Owner ?? KpiDimensionCodes.None,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a KPI dimension."),
    };
}
