namespace LeadIntake.Domain.Funnel;

/// <summary>When a lead first reached each stage of the main line after Lead: MQL, SAL, SQL, Opportunity, Won.</summary>
/// <remarks>
/// A lead reaches a stage once: the first time it enters it or any later main-line stage, so a fast track from Lead to SQL
/// reaches MQL, SAL and SQL at the same moment, and a lead recycled through Nurture does not reach MQL again. This is what
/// the funnel KPIs count, which keeps every conversion rate (later ÷ earlier) a share of the same leads.
/// </remarks>
/// <param name="MqlAt">First reached MQL.</param>
/// <param name="SalAt">First reached SAL.</param>
/// <param name="SqlAt">First reached SQL.</param>
/// <param name="OpportunityAt">First reached Opportunity.</param>
/// <param name="WonAt">Won.</param>
public sealed record FunnelMilestones(
    DateTimeOffset? MqlAt = null, DateTimeOffset? SalAt = null, DateTimeOffset? SqlAt = null, DateTimeOffset? OpportunityAt = null, DateTimeOffset? WonAt = null)
{
    /// <summary>No stage reached beyond Lead.</summary>
    public static FunnelMilestones None { get; } = new();

    /// <summary>The main line in funnel order; Lost, Nurture and Disqualified are off it.</summary>
    public static IReadOnlyList<FunnelStage> MainLine { get; } =
        [FunnelStage.Lead, FunnelStage.MarketingQualified, FunnelStage.SalesAccepted, FunnelStage.SalesQualified, FunnelStage.Opportunity, FunnelStage.Won];

    /// <summary>When <paramref name="stage"/> was first reached, or null (always null for Lead and stages off the main line).</summary>
    public DateTimeOffset? At(FunnelStage stage) => stage switch
    {
        FunnelStage.MarketingQualified => MqlAt,
        FunnelStage.SalesAccepted => SalAt,
        FunnelStage.SalesQualified => SqlAt,
        FunnelStage.Opportunity => OpportunityAt,
        FunnelStage.Won => WonAt,
        _ => null,
    };

    /// <summary>The milestones after a move from <paramref name="from"/> to <paramref name="to"/> at <paramref name="at"/>, and the stages it reached first.</summary>
    /// <remarks>
    /// A stage counts as reached when it is on the main line up to <paramref name="to"/>, has no time yet, and is not at or
    /// before <paramref name="from"/> on the main line (a lead stored before milestones were kept has passed those already).
    /// </remarks>
    public (FunnelMilestones Milestones, IReadOnlyList<FunnelStage> Reached) Reach(FunnelStage? from, FunnelStage to, DateTimeOffset at)
    {
        var target = IndexOf(to);
        var passed = from is { } f ? IndexOf(f) : -1;
        var reached = new List<FunnelStage>();
        var milestones = this;
        for (var i = 1; i <= target; i++)
        {
            var stage = MainLine[i];
            if (i <= passed || At(stage) is not null)
                continue;
            reached.Add(stage);
            milestones = milestones.With(stage, at);
        }

        return (milestones, reached);
    }

    private static int IndexOf(FunnelStage stage)
    {
        for (var i = 0; i < MainLine.Count; i++)
        {
            if (MainLine[i] == stage)
                return i;
        }

        return -1;
    }

    private FunnelMilestones With(FunnelStage stage, DateTimeOffset at) => stage switch
    {
        FunnelStage.MarketingQualified => this with { MqlAt = at },
        FunnelStage.SalesAccepted => this with { SalAt = at },
        FunnelStage.SalesQualified => this with { SqlAt = at },
        FunnelStage.Opportunity => this with { OpportunityAt = at },
        _ => this with { WonAt = at },
    };
}
