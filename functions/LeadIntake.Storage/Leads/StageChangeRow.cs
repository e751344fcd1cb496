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

    /// <summary>Who changed it (<c>pipeline</c> for the policy's automatic moves, else the sales actor).</summary>
    public string Actor { get; set; } = "";

    /// <summary>The policy rule or reason code that fired (e.g. <c>fit-and-engaged</c>, <c>competitor</c>); empty for sales moves.</summary>
    public string Rule { get; set; } = "";

    /// <summary>Qualification policy version at the change.</summary>
    public string PolicyVersion { get; set; } = "";
}
