namespace LeadIntake.Storage.Leads;

/// <summary>One stage change of one lead: a row of the <c>StageHistory</c> table.</summary>
/// <remarks>
/// PartitionKey = lead id; RowKey = <c>{change at yyyyMMddTHHmmss.fffffffZ}_{submission id}_{sequence:00}</c>, so a
/// lead's rows sort by time and a redelivered submission rewrites the same rows instead of adding new ones.
/// </remarks>
public sealed class StageHistoryEntity : TableRow
{
    /// <summary>Stage code before the change; empty for a new lead.</summary>
    public string FromStage { get; set; } = "";

    /// <summary>Stage code after the change.</summary>
    public string ToStage { get; set; } = "";

    /// <summary>When the change happened (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Why the stage changed.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Score at the change.</summary>
    public int Score { get; set; }

    /// <summary>Scoring model version at the change.</summary>
    public string ScoringModel { get; set; } = "";

    /// <summary>Who changed it (<c>system</c> for automatic qualification).</summary>
    public string Actor { get; set; } = "";

    /// <summary>Submission that caused the change.</summary>
    public string SubmissionId { get; set; } = "";
}
