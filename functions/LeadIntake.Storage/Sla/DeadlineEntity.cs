using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Sla;

/// <summary>One open deadline of one lead: a row of the <c>Deadlines</c> index.</summary>
/// <remarks>
/// PartitionKey = the due UTC day (<c>yyyy-MM-dd</c>), RowKey = <c>{yyyyMMddTHHmmss.fffffffZ}_{lead id}_{kind}</c>, so a
/// clock run reads earlier days' leftovers and today's rows up to now — only what is due. The lead row is the truth: a row
/// whose lead no longer has the deadline is removed when found.
/// </remarks>
public sealed class DeadlineEntity : TableRow
{
    /// <summary>The lead.</summary>
    public string LeadId { get; set; } = "";

    /// <summary>What is due: <c>handoff</c>, <c>first_response</c>, <c>follow_ups</c> or <c>recycle</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTimeOffset DueAt { get; set; }
}
