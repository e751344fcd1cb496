using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using LeadIntake.Application.Processing;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Sales;

namespace LeadIntake.Application.Sales;

/// <summary>The RecordSalesEvent use case: apply what sales reports back to a lead, synchronously.</summary>
/// <remarks>
/// The move is decided by <see cref="SalesFeedback"/> before anything is written: an illegal move throws
/// <see cref="FunnelTransitionException"/> and nothing is stored. A repeated event id changes nothing. The event goes on the
/// lead's timeline, then the lead commits with its ETag (a lost race is applied again on a fresh read). Thread-safe.
/// </remarks>
public sealed class RecordSalesEvent(ILeadStore leads, ILeadActivityStore activities, IQualificationPolicyProvider policies, TimeProvider timeProvider)
{
    /// <summary>Applies <paramref name="salesEvent"/> to lead <paramref name="leadId"/>; null when there is no such lead.</summary>
    /// <exception cref="FunnelTransitionException">The funnel does not allow the move the event asks for.</exception>
    /// <exception cref="InvalidOperationException">The lead stayed contended for <see cref="ProcessLead.MaxCommitAttempts"/> rounds.</exception>
    public async Task<SalesEventResult?> RunAsync(string leadId, SalesEvent salesEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(salesEvent);
        var policy = await policies.GetPolicyAsync(cancellationToken);
        for (var attempt = 1; attempt <= ProcessLead.MaxCommitAttempts; attempt++)
        {
            var stored = await leads.FindAsync(leadId, cancellationToken);
            if (stored is null)
                return null;

            var outcome = SalesFeedback.Apply(stored.Lead, salesEvent, policy);
            if (outcome.AlreadyApplied)
                return Result(outcome.Lead, salesEvent, outcome, applied: false);

            if (attempt == 1)
                await activities.AddSalesEventAsync(leadId, salesEvent, cancellationToken);
            var lead = outcome.Lead with { UpdatedAt = timeProvider.GetUtcNow() };
            if (await leads.TryUpdateAsync(lead, outcome.Changes, salesEvent.Id, stored, null, cancellationToken))
                return Result(lead, salesEvent, outcome, applied: true);

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), timeProvider, cancellationToken);
        }

        throw new InvalidOperationException(
            $"Lead {leadId} changed concurrently {ProcessLead.MaxCommitAttempts} times while sales event {salesEvent.Id} was applied; try again.");
    }

    private static SalesEventResult Result(Lead lead, SalesEvent salesEvent, SalesFeedbackOutcome outcome, bool applied) => new(
        lead.LeadId, salesEvent.Id, SalesEventTypeCodes.ToCode(salesEvent.Type), applied, FunnelStageCodes.ToCode(lead.Stage),
        [.. outcome.Changes.Select(c => new SalesEventMove(c.From is { } from ? FunnelStageCodes.ToCode(from) : null, FunnelStageCodes.ToCode(c.To), c.Reason))],
        lead.Owner, lead.FirstResponseAt, lead.FollowUpCount, lead.NextFollowUpDueAt);
}

/// <summary>The answer to a sales event: what it did and where the lead stands.</summary>
/// <param name="LeadId">The lead.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="Type">The event's type code.</param>
/// <param name="Applied">False when the id was applied before: nothing changed.</param>
/// <param name="Stage">The lead's stage code afterwards.</param>
/// <param name="Moves">The stage moves the event made.</param>
/// <param name="Owner">The lead's sales owner.</param>
/// <param name="FirstResponseAt">When sales first contacted the lead.</param>
/// <param name="FollowUpCount">Counted follow-ups.</param>
/// <param name="NextFollowUpDueAt">When the required follow-ups are due.</param>
public sealed record SalesEventResult(
    string LeadId, string EventId, string Type, bool Applied, string Stage, IReadOnlyList<SalesEventMove> Moves, string? Owner,
    DateTimeOffset? FirstResponseAt, int FollowUpCount, DateTimeOffset? NextFollowUpDueAt);

/// <summary>One stage move of a sales event.</summary>
/// <param name="From">Stage code before.</param>
/// <param name="To">Stage code after.</param>
/// <param name="Reason">Why, as recorded in the stage history.</param>
public sealed record SalesEventMove(string? From, string To, string Reason);
