namespace LeadIntake.Domain.Funnel;

/// <summary>A stage of the lead funnel, from first capture to a won or lost deal.</summary>
/// <remarks>
/// Stored as the short codes of <see cref="FunnelStageCodes"/> ("Lead", "MQL", …), never as numbers, so the
/// values can be reordered or extended. Moves between stages are governed by <see cref="FunnelTransitions"/>.
/// </remarks>
public enum FunnelStage
{
    /// <summary>Captured, not yet qualified ("Lead").</summary>
    Lead,

    /// <summary>Marketing qualified lead ("MQL"): marketing believes it is worth sales' time.</summary>
    MarketingQualified,

    /// <summary>Sales accepted lead ("SAL"): sales has taken the MQL on.</summary>
    SalesAccepted,

    /// <summary>Sales qualified lead ("SQL"): ready for a sales conversation.</summary>
    SalesQualified,

    /// <summary>An open sales opportunity ("Opportunity").</summary>
    Opportunity,

    /// <summary>Closed as a customer ("Won").</summary>
    Won,

    /// <summary>Closed without a deal ("Lost").</summary>
    Lost,

    /// <summary>Not ready to buy; kept warm by marketing ("Nurture").</summary>
    Nurture,

    /// <summary>Not a prospect: wrong fit, competitor, bad data ("Disqualified").</summary>
    Disqualified,
}
