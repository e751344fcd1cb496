using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Policy;

namespace LeadIntake.Domain.Qualification;

/// <summary>Engagement as marketers know it: behaviour points that fade with time, capped per event type and period.</summary>
/// <remarks>
/// Each event is worth its type's points × ½^(age ÷ half-life), age measured at the evaluation time (an event dated after it
/// counts as new). Within each cap period (fixed UTC windows counted from 1970-01-01) only the first
/// <see cref="EventPoints.MaxPerPeriod"/> events of a type count, earliest first, ties by id: the 500th click of a bot adds
/// nothing. Types the policy does not list are worth nothing. The sum is rounded half away from zero; it may be negative.
/// </remarks>
public static class EngagementScore
{
    /// <summary>Engagement of <paramref name="activities"/> at <paramref name="now"/> under <paramref name="policy"/>.</summary>
    public static int Compute(IEnumerable<LeadActivity> activities, EngagementPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(policy);
        var total = 0.0;
        var counted = activities
            .Where(a => policy.Events.ContainsKey(a.Type))
            .GroupBy(a => (a.Type, Window: (a.At.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / policy.CapPeriod.Ticks))
            .SelectMany(g => g.OrderBy(a => a.At).ThenBy(a => a.Id, StringComparer.Ordinal).Take(policy.Events[g.Key.Type].MaxPerPeriod));
        foreach (var activity in counted)
        {
            var age = now - activity.At;
            var decay = age <= TimeSpan.Zero ? 1.0 : Math.Pow(0.5, age / policy.HalfLife);
            total += policy.Events[activity.Type].Points * decay;
        }

        return (int)Math.Round(total, MidpointRounding.AwayFromZero);
    }

    /// <summary>How far back events still matter: beyond eight half-lives an event is worth under 0.4 % of its points.</summary>
    /// <remarks>Also covers every rule's <see cref="QualificationRule.EventsWithin"/>, so one read serves the whole evaluation.</remarks>
    public static TimeSpan Horizon(QualificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var windows = policy.MarketingQualified.Concat(policy.SalesQualifiedFastTrack).Where(r => r.EventsAny is not null).Select(r => r.EventsWithin);
        return windows.Append(policy.Engagement.HalfLife * 8).Append(policy.Engagement.CapPeriod).Max();
    }
}
