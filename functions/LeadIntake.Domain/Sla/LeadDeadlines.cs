using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Qualification;

namespace LeadIntake.Domain.Sla;

/// <summary>The deadlines a lead's state implies, and what happens when one passes.</summary>
/// <remarks>
/// The lead row is the truth; the deadline index only says when to look. <see cref="Of"/> derives the open deadlines from
/// the lead, and <see cref="Apply"/> acts only on a deadline the lead still has — a stale index entry (the lead answered,
/// moved or was handed over again) changes nothing. Pure; the input lead is never modified.
/// </remarks>
public static class LeadDeadlines
{
    /// <summary>The open deadlines of <paramref name="lead"/>.</summary>
    public static IReadOnlyList<LeadDeadline> Of(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var deadlines = new List<LeadDeadline>();
        if (lead.Stage == FunnelStage.MarketingQualified && lead.HandedOffAt is null && lead.HandoffDueAt is { } handoff)
            deadlines.Add(new LeadDeadline(lead.LeadId, DeadlineKind.Handoff, handoff));
        if (lead.HandedOffAt is not null && lead.ResponseDueAt is { } response && lead.FirstResponseAt is null && lead.FirstResponseBreachedAt is null)
            deadlines.Add(new LeadDeadline(lead.LeadId, DeadlineKind.FirstResponse, response));
        if (lead.HandedOffAt is not null && lead.NextFollowUpDueAt is { } followUps && lead.ConnectedAt is null && lead.FollowUpBreachedAt is null)
            deadlines.Add(new LeadDeadline(lead.LeadId, DeadlineKind.FollowUps, followUps));
        if (lead.Stage == FunnelStage.Lost && lead.RecycleDueAt is { } recycle)
            deadlines.Add(new LeadDeadline(lead.LeadId, DeadlineKind.Recycle, recycle));
        return deadlines;
    }

    /// <summary>Acts on <paramref name="deadline"/>, which has passed by <paramref name="now"/>.</summary>
    /// <param name="lead">The lead as stored now.</param>
    /// <param name="deadline">The deadline the index found due.</param>
    /// <param name="activities">The lead's behaviour events within the policy's horizon (used by a hand-off's re-evaluation).</param>
    /// <param name="policy">The policy in force.</param>
    /// <param name="now">The clock's now.</param>
    /// <remarks>
    /// <list type="bullet">
    /// <item>handoff: the policy is evaluated again at the deadline (a lead disqualified meanwhile is not handed over).</item>
    /// <item>first_response: a breach.</item>
    /// <item>follow_ups: a breach when fewer than the required follow-ups were made; when they were all made and sales never
    /// connected, the lead goes where the policy sends exhausted leads (from MQL or SAL only: a lead sales moved on is theirs).</item>
    /// <item>recycle: Lost → Nurture.</item>
    /// </list>
    /// </remarks>
    public static DeadlineOutcome Apply(Lead lead, LeadDeadline deadline, IReadOnlyList<LeadActivity> activities, QualificationPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(policy);
        if (deadline.DueAt > now || !Of(lead).Contains(deadline))
            return new DeadlineOutcome(lead, [], null, HandedOff: false, IsStale: true);

        var due = deadline.DueAt;
        switch (deadline.Kind)
        {
            case DeadlineKind.Handoff:
                var qualified = LeadQualifier.Evaluate(lead, activities, policy, due, now);
                return new DeadlineOutcome(qualified.Lead, qualified.Changes, null, qualified.HandedOff, IsStale: false);

            case DeadlineKind.FirstResponse:
                return new DeadlineOutcome(lead with { FirstResponseBreachedAt = now }, [], Breach(lead, deadline, policy, now), HandedOff: false, IsStale: false);

            case DeadlineKind.FollowUps when lead.FollowUpCount < policy.Sla.FollowUps:
                return new DeadlineOutcome(lead with { FollowUpBreachedAt = now }, [], Breach(lead, deadline, policy, now), HandedOff: false, IsStale: false);

            case DeadlineKind.FollowUps when lead.Stage is FunnelStage.MarketingQualified or FunnelStage.SalesAccepted:
                var exhausted = lead with { PolicyVersion = policy.Version, NextFollowUpDueAt = null };
                var reason = $"{policy.Sla.ExhaustedReason}: {lead.FollowUpCount} follow-up(s) without reaching the lead";
                var change = exhausted.AdvanceTo(policy.Sla.ExhaustedMoveTo, due, reason, StageChange.PipelineActor, policy.Sla.ExhaustedReason);
                return new DeadlineOutcome(exhausted.EndSalesCycle() with { StageReason = reason }, [change], null, HandedOff: false, IsStale: false);

            case DeadlineKind.FollowUps:
                return new DeadlineOutcome(lead with { NextFollowUpDueAt = null }, [], null, HandedOff: false, IsStale: false);

            default:
                var recycled = lead with { PolicyVersion = policy.Version, RecycleDueAt = null };
                var recycleReason = $"recycled: lost on {lead.OutcomeAt:yyyy-MM-dd}, back to nurture";
                var recycle = recycled.AdvanceTo(FunnelStage.Nurture, due, recycleReason, StageChange.PipelineActor, "recycle_lost");
                return new DeadlineOutcome(recycled.EndSalesCycle() with { StageReason = recycleReason }, [recycle], null, HandedOff: false, IsStale: false);
        }
    }

    private static SlaBreach Breach(Lead lead, LeadDeadline deadline, QualificationPolicy policy, DateTimeOffset now) => new(
        lead.LeadId, deadline.Kind, deadline.DueAt, now.ToUniversalTime(), lead.HandedOffAt, lead.Owner, lead.Stage, lead.FollowUpCount,
        policy.Sla.FollowUps, lead.PolicyVersion ?? policy.Version);
}

/// <summary>What a passed deadline did.</summary>
/// <param name="Lead">The lead afterwards.</param>
/// <param name="Changes">Stage changes (a hand-off as SQL, a recycle, an exhausted lead).</param>
/// <param name="Breach">The SLA breach to record once, if any.</param>
/// <param name="HandedOff">True when the lead was handed to sales now.</param>
/// <param name="IsStale">True when the lead no longer has this deadline (or it is not due): nothing to write.</param>
public sealed record DeadlineOutcome(Lead Lead, IReadOnlyList<StageChange> Changes, SlaBreach? Breach, bool HandedOff, bool IsStale);
