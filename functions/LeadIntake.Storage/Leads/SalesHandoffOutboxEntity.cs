namespace LeadIntake.Storage.Leads;

/// <summary>A sales hand-off committed with its lead and not yet sent: an outbox row of the <c>Leads</c> table.</summary>
/// <remarks>
/// PartitionKey = lead id (the lead's own partition, so the row is committed in one transaction with the lead row);
/// RowKey = <c>handoff_{cause id}</c> (the submission, activity batch or deadline that caused it). The row is deleted once the message is on <c>sales-handoff</c>; a row that
/// stays means every send failed, and the hand-off sweep sends it. Message is the queue message's JSON.
/// </remarks>
public sealed class SalesHandoffOutboxEntity : TableRow
{
    /// <summary>RowKey prefix of outbox rows; lead rows (<see cref="LeadEntity.ProfileRowKey"/>) sort after them.</summary>
    public const string RowKeyPrefix = "handoff_";

    /// <summary>The hand-off's deterministic id (consumers drop duplicates by it).</summary>
    public string HandoffId { get; set; } = "";

    /// <summary>When the hand-off was committed with its lead (UTC).</summary>
    public DateTimeOffset CommittedAt { get; set; }

    /// <summary>The <c>sales-handoff</c> message, as JSON.</summary>
    public string Message { get; set; } = "";

    /// <summary>The RowKey of the hand-off caused by <paramref name="causeId"/>.</summary>
    public static string RowKeyFor(string causeId) => RowKeyPrefix + causeId;
}
