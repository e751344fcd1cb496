namespace LeadIntake.Storage.Leads;

/// <summary>One stage change of one lead: a row of the <c>StageHistory</c> table.</summary>
/// <remarks>
/// PartitionKey = lead id; RowKey = <c>{change at yyyyMMddTHHmmss.fffffffZ}_{cause}_{sequence:00}</c> (the cause: see <see cref="Cause"/>), so a
/// lead's rows sort by time and a redelivered cause rewrites the same rows instead of adding new ones.
/// </remarks>
public sealed class StageHistoryEntity : StageChangeRow
{
    /// <summary>What caused the change: a submission id, an activity batch id, a sales event id or a deadline (<c>first_response_…</c>).</summary>
    public string Cause { get; set; } = "";
}
