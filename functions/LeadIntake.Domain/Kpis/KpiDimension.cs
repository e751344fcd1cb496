namespace LeadIntake.Domain.Kpis;

/// <summary>What the funnel KPIs can be broken down by.</summary>
/// <remarks>Stored and queried as the codes of <see cref="KpiDimensionCodes"/> (<c>all</c>, <c>channel</c>, …).</remarks>
public enum KpiDimension
{
    /// <summary>No breakdown: the whole funnel ("all").</summary>
    All,

    /// <summary>The lead's acquisition channel, its first touch's ("channel").</summary>
    Channel,

    /// <summary>The first touch's campaign ("campaign").</summary>
    Campaign,

    /// <summary>The form of the lead's first submission ("form").</summary>
    Form,

    /// <summary>The sales owner at the move ("owner").</summary>
    Owner,
}

/// <summary>The codes of <see cref="KpiDimension"/>.</summary>
public static class KpiDimensionCodes
{
    /// <summary>The value recorded when a lead has none for a dimension (no campaign, no owner yet).</summary>
    public const string None = "(none)";

    /// <summary>The table: <c>all</c>, <c>channel</c>, <c>campaign</c>, <c>form</c>, <c>owner</c>.</summary>
    public static CodeTable<KpiDimension> Table { get; } = new(
        (KpiDimension.All, "all"),
        (KpiDimension.Channel, "channel"),
        (KpiDimension.Campaign, "campaign"),
        (KpiDimension.Form, "form"),
        (KpiDimension.Owner, "owner"));
}
