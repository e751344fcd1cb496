namespace LeadIntake.Storage.Leads;

/// <summary>A stage change indexed by day: a row of the <c>StageChangesByDay</c> table.</summary>
/// <remarks>
/// PartitionKey = UTC day of the change (<c>yyyy-MM-dd</c>), so <c>PartitionKey eq '2026-11-22'</c> opens a day's
/// changes; RowKey = <c>{lead id}_{StageHistory RowKey}</c>, deterministic like the history row it mirrors.
/// </remarks>
public sealed class StageChangeByDayEntity : TableRow
{
    /// <summary>Lead whose stage changed.</summary>
    public string LeadId { get; set; } = "";

    /// <summary>The lead's company at the change, for a readable daily list.</summary>
    public string? Company { get; set; }

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

    /// <summary>Who changed it.</summary>
    public string Actor { get; set; } = "";
}
