using System.Globalization;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Domain.Sales;

/// <summary>Applies a sales event to a lead: the stage move through the one transition table, and the SLA clock's facts.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>A repeated event id (one of <see cref="Lead.RecentSalesEventIds"/>) changes nothing.</item>
/// <item>accepted → SAL; qualified → SQL; opportunity_created → Opportunity (amount); won → Won (amount, outcome);
/// lost → Lost (reason, outcome; back to Nurture after the policy's period); disqualified → Disqualified (reason);
/// rejected → the policy's recycle stage (reason). A move the funnel does not allow throws
/// <see cref="FunnelTransitionException"/>: nothing is to be written.</item>
/// <item>contact_attempt, connected and meeting_booked are contacts: the first is the first response; one at least the
/// policy's minimum spacing (business time) after the previous counted one is a follow-up; connected and meeting_booked end the follow-up
/// obligation. They move no stage.</item>
/// <item>Leaving sales (Nurture, Disqualified) clears the hand-off and SLA state.</item>
/// </list>
/// Pure; the input lead is never modified.
/// </remarks>
public static class SalesFeedback
{
    /// <summary>Applies <paramref name="salesEvent"/> to <paramref name="lead"/> under <paramref name="policy"/>.</summary>
    /// <exception cref="FunnelTransitionException">The event asks for a move the funnel does not allow.</exception>
    /// <exception cref="ArgumentException">A reason is missing for rejected, disqualified or lost.</exception>
    public static SalesFeedbackOutcome Apply(Lead lead, SalesEvent salesEvent, QualificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(salesEvent);
        ArgumentNullException.ThrowIfNull(policy);
        if (lead.RecentSalesEventIds.Contains(salesEvent.Id))
            return new SalesFeedbackOutcome(lead, [], AlreadyApplied: true);
        if (SalesEventTypeCodes.NeedsReason(salesEvent.Type) && string.IsNullOrWhiteSpace(salesEvent.Reason))
            throw new ArgumentException($"A {SalesEventTypeCodes.ToCode(salesEvent.Type)} event needs a reason code.", nameof(salesEvent));

        var at = salesEvent.At.ToUniversalTime();
        var current = lead with
        {
            PolicyVersion = policy.Version,
            RecentSalesEventIds = [.. lead.RecentSalesEventIds.Append(salesEvent.Id).TakeLast(Lead.MaxRecentSubmissionIds)],
        };
        var changes = new List<StageChange>();
        void Move(FunnelStage to, string reason)
        {
            changes.Add(current.AdvanceTo(to, at, reason, salesEvent.Actor) with { Sequence = changes.Count });
            current = current with { StageReason = reason };
        }

        var reason = salesEvent.Reason?.Trim();
        switch (salesEvent.Type)
        {
            case SalesEventType.Accepted:
                Move(FunnelStage.SalesAccepted, $"accepted by {salesEvent.Actor}");
                break;
            case SalesEventType.Rejected:
                // Back to marketing. An MQL rejected back to MQL stays where it is (no move to record); either way it
                // waits a new nurture period before it can be handed over again.
                var rejected = $"rejected by sales: {reason}";
                if (!(current.Stage == FunnelStage.MarketingQualified && policy.Recycle.RejectedMoveTo == FunnelStage.MarketingQualified))
                    Move(policy.Recycle.RejectedMoveTo, rejected);
                current = current.EndSalesCycle() with
                {
                    StageReason = rejected,
                    Owner = null,
                    HandoffDueAt = current.Stage == FunnelStage.MarketingQualified ? at + policy.NurturePeriod : null,
                };
                break;
            case SalesEventType.Qualified:
                Move(FunnelStage.SalesQualified, $"qualified by {salesEvent.Actor}");
                break;
            case SalesEventType.Disqualified:
                Move(FunnelStage.Disqualified, $"disqualified by sales: {reason}");
                current = current.EndSalesCycle();
                break;
            case SalesEventType.OpportunityCreated:
                Move(FunnelStage.Opportunity, salesEvent.Amount is { } amount ? $"opportunity of {Format(amount)} opened by {salesEvent.Actor}" : $"opportunity opened by {salesEvent.Actor}");
                current = current with { Amount = salesEvent.Amount ?? current.Amount };
                break;
            case SalesEventType.Won:
                Move(FunnelStage.Won, salesEvent.Amount is { } won ? $"won {Format(won)}" : "won");
                current = current with { Outcome = "won", OutcomeAt = at, Amount = salesEvent.Amount ?? current.Amount, NextFollowUpDueAt = null };
                break;
            case SalesEventType.Lost:
                Move(FunnelStage.Lost, $"lost: {reason}");
                current = current with
                {
                    Outcome = "lost",
                    OutcomeAt = at,
                    NextFollowUpDueAt = null,
                    RecycleDueAt = policy.Recycle.LostToNurtureAfter is { } after ? at + after : null,
                };
                break;
            default:
                current = Contact(current, salesEvent.Type, at, policy.Sla);
                break;
        }

        return new SalesFeedbackOutcome(current, changes, AlreadyApplied: false);
    }

    private static Lead Contact(Lead lead, SalesEventType type, DateTimeOffset at, SalesSlaPolicy sla)
    {
        var counts = lead.LastFollowUpAt is not { } previous || BusinessCalendar.BusinessTimeBetween(previous, at, sla.Hours) >= sla.MinFollowUpSpacing;
        var connected = type is SalesEventType.Connected or SalesEventType.MeetingBooked;
        return lead with
        {
            FirstResponseAt = lead.FirstResponseAt is { } first && first <= at ? first : at,
            FollowUpCount = counts ? lead.FollowUpCount + 1 : lead.FollowUpCount,
            LastFollowUpAt = counts ? at : lead.LastFollowUpAt,
            LastContactAt = lead.LastContactAt is { } last && last > at ? last : at,
            ConnectedAt = connected ? lead.ConnectedAt ?? at : lead.ConnectedAt,
            NextFollowUpDueAt = connected ? null : lead.NextFollowUpDueAt,
        };
    }

    private static string Format(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>What a sales event did to a lead.</summary>
/// <param name="Lead">The lead afterwards.</param>
/// <param name="Changes">The stage changes (none for contacts).</param>
/// <param name="AlreadyApplied">True when the event id was applied before: nothing to write.</param>
public sealed record SalesFeedbackOutcome(Lead Lead, IReadOnlyList<StageChange> Changes, bool AlreadyApplied);
