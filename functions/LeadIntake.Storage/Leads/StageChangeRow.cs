namespace LeadIntake.Storage.Leads;

/// <summary>The columns every stage-change row has, in <c>StageHistory</c> and <c>StageChangesByDay</c> alike.</summary>
public abstract class StageChangeRow : TableRow
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
}
