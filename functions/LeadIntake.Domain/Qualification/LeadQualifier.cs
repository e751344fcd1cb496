using System.Globalization;
using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Scoring;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Domain.Qualification;

/// <summary>Applies the qualification policy to a lead: engagement, signals, disqualification, MQL, the SQL fast track and the hand-off.</summary>
/// <remarks>
/// In order, for a lead marketing owns (<see cref="Lead.IsOwnedByMarketing"/>; sales-owned leads only get their engagement
/// and policy version refreshed):
/// <list type="number">
/// <item>a disqualifying signal moves it to Disqualified with the rule's reason code;</item>
/// <item>else a fast-track rule moves it to SQL and hands it over at once;</item>
/// <item>else, from Lead or Nurture, an MQL rule moves it to MQL, due for hand-off after the nurture period; a lead back
/// in Nurture is judged on the events since it entered Nurture only (it earns its MQL again);</item>
/// <item>an MQL whose nurture period has ended by <c>now</c> is handed over (and moved to SQL when the policy hands over as SQL).</item>
/// </list>
/// A hand-off routes the owner and starts the SLA clock: first response and follow-ups due in business time. The first rule
/// that holds wins; its name is recorded on the change. Pure; the input lead is never modified.
/// </remarks>
public static class LeadQualifier
{
    /// <summary>Evaluates <paramref name="policy"/> for <paramref name="lead"/>.</summary>
    /// <param name="lead">The lead as it is now (merged and scored).</param>
    /// <param name="activities">The lead's behaviour events within <see cref="EngagementScore.Horizon"/> of <paramref name="now"/>.</param>
    /// <param name="policy">The policy in force.</param>
    /// <param name="at">When the decision's cause happened (a submission's or event's time, a deadline); decisions are taken at it, never
    /// earlier than when the lead entered its stage (and moves recorded just after: <see cref="Lead.AdvanceTo"/>).</param>
    /// <param name="now">The clock's now: engagement decays to it and nurture periods end by it.</param>
    /// <param name="firstSequence">Sequence number of the first change returned (after changes the caller already recorded).</param>
    public static QualificationOutcome Evaluate(
        Lead lead, IReadOnlyList<LeadActivity> activities, QualificationPolicy policy, DateTimeOffset at, DateTimeOffset now, int firstSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(policy);
        at = at.ToUniversalTime();
        if (lead.StageEnteredAt is { } entered && entered > at)
            at = entered;

        var current = lead with
        {
            Engagement = EngagementScore.Compute(activities, policy.Engagement, now),
            EngagementAt = now.ToUniversalTime(),
            PolicyVersion = policy.Version,
            UnsubscribedAt = Latest(lead.UnsubscribedAt, activities, LeadActivity.Unsubscribe),
            HardBouncedAt = Latest(lead.HardBouncedAt, activities, LeadActivity.HardBounce),
        };
        current = WithdrawConsentOnUnsubscribe(current);
        var changes = new List<StageChange>();
        var handedOff = false;

        void Move(FunnelStage to, string reason, string? rule, DateTimeOffset? moveAt = null)
        {
            var change = current.AdvanceTo(to, moveAt ?? at, reason, StageChange.PipelineActor, rule) with { Sequence = firstSequence + changes.Count };
            changes.Add(change);
            current = current with { StageReason = reason };
        }

        void HandOff(DateTimeOffset handoffAt)
        {
            if (current.Stage == FunnelStage.MarketingQualified && policy.Handoff.Stage == FunnelStage.SalesQualified)
                Move(FunnelStage.SalesQualified, "handed to sales: the policy hands MQLs over as SQL", "handoff", handoffAt);
            var sla = policy.Sla;
            current = current.EndSalesCycle() with
            {
                Owner = OwnerRouter.OwnerFor(current, policy.Handoff.Routing),
                HandedOffAt = handoffAt,
                ResponseDueAt = BusinessCalendar.AddBusinessTime(handoffAt, sla.FirstResponse, sla.Hours),
                NextFollowUpDueAt = sla.FollowUps > 0 ? BusinessCalendar.AddBusinessTime(handoffAt, sla.FollowUpWindow, sla.Hours) : null,
            };
            handedOff = true;
        }

        if (!current.IsOwnedByMarketing)
            return new QualificationOutcome(current, changes, handedOff);

        var signals = LeadSignals.Of(current, policy);
        if (policy.Disqualify.FirstOrDefault(rule => signals.Contains(rule.Signal)) is { } disqualify)
        {
            Move(FunnelStage.Disqualified, $"disqualified: {disqualify.Reason} (signal {LeadSignalCodes.ToCode(disqualify.Signal)})", disqualify.Reason);
            current = current.EndSalesCycle();
            return new QualificationOutcome(current, changes, handedOff);
        }

        // A lead back in Nurture (rejected, exhausted, recycled) earns its MQL again: only what it did since counts.
        var recycled = current.Stage == FunnelStage.Nurture && current.StageEnteredAt is not null;
        var evidence = recycled ? [.. activities.Where(a => a.At >= current.StageEnteredAt)] : activities;
        var facts = new RuleFacts(current, signals, evidence, EngagementScore.Compute(evidence, policy.Engagement, now), recycled ? "engagement since nurture" : "engagement", now);
        if (policy.SalesQualifiedFastTrack.FirstOrDefault(facts.Matches) is { } fastTrack)
        {
            Move(FunnelStage.SalesQualified, $"SQL fast track '{fastTrack.Name}': {facts.Explain(fastTrack)}", fastTrack.Name);
            HandOff(at);
            return new QualificationOutcome(current, changes, handedOff);
        }

        if (current.Stage is FunnelStage.Lead or FunnelStage.Nurture && policy.MarketingQualified.FirstOrDefault(facts.Matches) is { } mql)
        {
            Move(FunnelStage.MarketingQualified, $"MQL rule '{mql.Name}': {facts.Explain(mql)}", mql.Name);
            current = current.EndSalesCycle() with { HandoffDueAt = at + policy.NurturePeriod };
        }

        if (current.Stage == FunnelStage.MarketingQualified)
        {
            // An MQL from before the policy had no hand-off time: its nurture period runs from when it became an MQL.
            var due = current.HandoffDueAt ?? (current.StageEnteredAt ?? at) + policy.NurturePeriod;
            current = current with { HandoffDueAt = due };
            if (due <= now)
                HandOff(due > at ? due : at);
        }

        return new QualificationOutcome(current, changes, handedOff);
    }

    // Withdrawal is an activity: an unsubscribe later than the latest "yes" sets ConsentMarketing back to false, recorded as
    // an answer at the unsubscribe's time, so a "yes" received before it and processed late cannot turn consent on again
    // (LeadProfileMerge compares times). A "yes" after the unsubscribe gives consent again. The proof (Lead.Consent) stays.
    private static Lead WithdrawConsentOnUnsubscribe(Lead lead)
    {
        if (!lead.ConsentMarketing || !lead.IsUnsubscribed || lead.UnsubscribedAt is not { } unsubscribedAt)
            return lead;

        var updatedAt = new Dictionary<string, DateTimeOffset>(lead.FieldUpdatedAt, StringComparer.Ordinal)
        {
            [LeadFieldNames.ConsentMarketing] = unsubscribedAt,
        };
        return lead with { ConsentMarketing = false, FieldUpdatedAt = updatedAt };
    }

    private static DateTimeOffset? Latest(DateTimeOffset? known, IReadOnlyList<LeadActivity> activities, string type)
    {
        var latest = known;
        foreach (var activity in activities)
        {
            if (activity.Type == type && (latest is null || activity.At > latest))
                latest = activity.At;
        }

        return latest;
    }

    /// <summary>What the rules of a policy look at, for one lead at one time.</summary>
    private sealed class RuleFacts(
        Lead lead, IReadOnlySet<LeadSignal> signals, IReadOnlyList<LeadActivity> activities, int engagement, string engagementName, DateTimeOffset now)
    {
        private LeadFeatures? _features;

        private LeadFeatures Features => _features ??= LeadFeatures.From(lead);

        public bool Matches(QualificationRule rule) =>
            (rule.FitAtLeast is not { } fit || lead.Score >= fit)
            && (rule.GradeIn is not { } grades || (lead.Grade is { } grade && grades.Contains(grade)))
            && (rule.EngagementAtLeast is not { } atLeast || engagement >= atLeast)
            && (rule.SignalsAny is not { } any || any.Overlaps(signals))
            && (rule.EventsAny is not { } events || activities.Any(a => events.Contains(a.Type) && a.At > now - rule.EventsWithin))
            && (rule.FeatureIn is not { } features || features.All(f => LeadFeatures.Format(Features[f.Key]) is { } value && f.Value.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase))));

        /// <summary>The parts of <paramref name="rule"/> with the lead's values, e.g. "fit 52 ≥ 40, engagement 25 ≥ 20".</summary>
        public string Explain(QualificationRule rule)
        {
            var parts = new List<string>();
            if (rule.FitAtLeast is { } fit)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"fit {lead.Score} ≥ {fit}"));
            if (rule.GradeIn is { } grades)
                parts.Add($"grade {lead.Grade} in {string.Join("/", grades.Order(StringComparer.Ordinal))}");
            if (rule.EngagementAtLeast is { } atLeast)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{engagementName} {engagement} ≥ {atLeast}"));
            if (rule.SignalsAny is { } any)
                parts.Add(string.Join(" or ", any.Where(signals.Contains).Select(LeadSignalCodes.ToCode)));
            if (rule.EventsAny is { } events)
            {
                var seen = activities.Where(a => events.Contains(a.Type) && a.At > now - rule.EventsWithin).Select(a => a.Type).Distinct();
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{string.Join(" and ", seen)} in the last {rule.EventsWithin.TotalDays:0.#} days"));
            }

            if (rule.FeatureIn is { } features)
                parts.AddRange(features.Select(f => $"{f.Key} {LeadFeatures.Format(Features[f.Key])}"));
            return string.Join(", ", parts);
        }
    }
}

/// <summary>What evaluating the policy did to a lead.</summary>
/// <param name="Lead">The lead afterwards.</param>
/// <param name="Changes">The stage changes, in order.</param>
/// <param name="HandedOff">True when the lead was handed to sales now: a hand-off is owed.</param>
public sealed record QualificationOutcome(Lead Lead, IReadOnlyList<StageChange> Changes, bool HandedOff);
