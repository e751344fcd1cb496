namespace LeadIntake.Domain.Sales;

/// <summary>One report from sales about a lead.</summary>
/// <param name="Id">The sender's id; a repeated id changes nothing.</param>
/// <param name="Type">What happened.</param>
/// <param name="Actor">Who reported it (a rep's name or email, or the CRM).</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Reason">Reason code (snake_case), required for rejected, disqualified and lost.</param>
/// <param name="Amount">Deal amount, for opportunity_created and won.</param>
/// <param name="Note">Free text, for reading only.</param>
public sealed record SalesEvent(string Id, SalesEventType Type, string Actor, DateTimeOffset At, string? Reason, decimal? Amount, string? Note);
