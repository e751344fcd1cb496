namespace LeadIntake.Domain.Funnel;

/// <summary>The one table of allowed funnel moves.</summary>
/// <remarks>
/// The full funnel of the roadmap: Lead → MQL → SAL → SQL → Opportunity → Won / Lost, the fast track
/// Lead → SQL (a contact or demo request), Nurture and Disqualified from every open stage, and recycling
/// back (SAL → MQL when sales rejects, Nurture → Lead/MQL/SQL when a nurtured lead re-engages, Lost → Nurture,
/// Disqualified → Lead when reinstated). A stage never moves to itself. Won is final.
/// New stages and moves are added here, never special-cased elsewhere.
/// </remarks>
public static class FunnelTransitions
{
    /// <summary>The stage every lead enters the funnel in.</summary>
    public const FunnelStage EntryStage = FunnelStage.Lead;

    private static readonly Dictionary<FunnelStage, FunnelStage[]> _allowed = new()
    {
        [FunnelStage.Lead] = [FunnelStage.MarketingQualified, FunnelStage.SalesQualified, FunnelStage.Nurture, FunnelStage.Disqualified],
        [FunnelStage.MarketingQualified] = [FunnelStage.SalesAccepted, FunnelStage.SalesQualified, FunnelStage.Nurture, FunnelStage.Disqualified],
        [FunnelStage.SalesAccepted] = [FunnelStage.SalesQualified, FunnelStage.MarketingQualified, FunnelStage.Nurture, FunnelStage.Disqualified],
        [FunnelStage.SalesQualified] = [FunnelStage.Opportunity, FunnelStage.Nurture, FunnelStage.Disqualified],
        [FunnelStage.Opportunity] = [FunnelStage.Won, FunnelStage.Lost],
        [FunnelStage.Won] = [],
        [FunnelStage.Lost] = [FunnelStage.Nurture],
        [FunnelStage.Nurture] = [FunnelStage.Lead, FunnelStage.MarketingQualified, FunnelStage.SalesQualified, FunnelStage.Disqualified],
        [FunnelStage.Disqualified] = [FunnelStage.Lead],
    };

    /// <summary>True when the funnel allows a move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The current stage, or null for a lead entering the funnel.</param>
    /// <param name="to">The stage to move to.</param>
    public static bool IsAllowed(FunnelStage? from, FunnelStage to) =>
        from is { } current
            ? _allowed.TryGetValue(current, out var targets) && targets.Contains(to)
            : to == EntryStage;

    /// <summary>The stages reachable in one move from <paramref name="from"/>.</summary>
    public static IReadOnlyList<FunnelStage> AllowedFrom(FunnelStage from) =>
        _allowed.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>Throws unless the move is allowed.</summary>
    /// <exception cref="FunnelTransitionException">The funnel has no such move.</exception>
    public static void EnsureAllowed(FunnelStage? from, FunnelStage to)
    {
        if (!IsAllowed(from, to))
        {
            throw new FunnelTransitionException(from, to);
        }
    }
}
