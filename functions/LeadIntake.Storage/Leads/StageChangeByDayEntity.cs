namespace LeadIntake.Storage.Leads;

/// <summary>A stage change indexed by day: a row of the <c>StageChangesByDay</c> table.</summary>
/// <remarks>
/// PartitionKey = UTC day of the change (<c>yyyy-MM-dd</c>), so <c>PartitionKey eq '2026-11-22'</c> opens a day's
/// changes; RowKey = <c>{lead id}_{StageHistory RowKey}</c>, deterministic like the history row it mirrors.
/// </remarks>
public sealed class StageChangeByDayEntity : StageChangeRow
{
    /// <summary>Lead whose stage changed.</summary>
    public string LeadId { get; set; } = "";

    /// <summary>The lead's company at the change, for a readable daily list.</summary>
    public string? Company { get; set; }
}
