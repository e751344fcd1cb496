namespace LeadIntake.Domain.Kpis;

/// <summary>Stage volumes of a period: how many leads first reached each main-line stage, and the exits.</summary>
/// <remarks>
/// Leads, MQLs, SALs, SQLs, opportunities and won count moves whose <see cref="FunnelMove.Reached"/> contains the stage (a
/// lead once per stage); lost, nurture and disqualified count moves to that stage (entries); <see cref="WonAmount"/> sums
/// the amount of the moves reaching Won. Serialised camelCase (<c>leads</c>, <c>mqls</c>, …, <c>wonAmount</c>).
/// </remarks>
/// <param name="Leads">New leads.</param>
/// <param name="Mqls">Leads that first reached MQL.</param>
/// <param name="Sals">Leads that first reached SAL.</param>
/// <param name="Sqls">Leads that first reached SQL.</param>
/// <param name="Opportunities">Leads that first reached Opportunity.</param>
/// <param name="Won">Leads won.</param>
/// <param name="Lost">Moves to Lost.</param>
/// <param name="Nurture">Moves to Nurture.</param>
/// <param name="Disqualified">Moves to Disqualified.</param>
/// <param name="WonAmount">Sum of the won deals' amounts.</param>
public sealed record FunnelVolumes(
    int Leads, int Mqls, int Sals, int Sqls, int Opportunities, int Won, int Lost, int Nurture, int Disqualified, decimal WonAmount)
{
    /// <summary>No volume.</summary>
    public static FunnelVolumes Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0m);

    /// <summary>The sum of two periods' volumes.</summary>
    public static FunnelVolumes operator +(FunnelVolumes left, FunnelVolumes right) => new(
        left.Leads + right.Leads, left.Mqls + right.Mqls, left.Sals + right.Sals, left.Sqls + right.Sqls,
        left.Opportunities + right.Opportunities, left.Won + right.Won, left.Lost + right.Lost, left.Nurture + right.Nurture,
        left.Disqualified + right.Disqualified, left.WonAmount + right.WonAmount);

    /// <summary>The volume of main-line stage <paramref name="stage"/> (Lead to Won).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a main-line stage.</exception>
    public int Reached(Funnel.FunnelStage stage) => stage switch
    {
        Funnel.FunnelStage.Lead => Leads,
        Funnel.FunnelStage.MarketingQualified => Mqls,
        Funnel.FunnelStage.SalesAccepted => Sals,
        Funnel.FunnelStage.SalesQualified => Sqls,
        Funnel.FunnelStage.Opportunity => Opportunities,
        Funnel.FunnelStage.Won => Won,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a main-line stage."),
    };
}
