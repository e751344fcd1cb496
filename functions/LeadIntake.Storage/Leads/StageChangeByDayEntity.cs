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

    /// <summary>Main-line stage codes this change reached for the first time, space-separated (<c>MQL SAL SQL</c>); empty for none.</summary>
    public string? Reached { get; set; }

    /// <summary>When the lead entered <see cref="StageChangeRow.FromStage"/>.</summary>
    public DateTimeOffset? FromEnteredAt { get; set; }

    /// <summary>The lead's acquisition channel code (its first touch's).</summary>
    public string? Channel { get; set; }

    /// <summary>The first touch's campaign.</summary>
    public string? Campaign { get; set; }

    /// <summary>The form of the lead's first submission.</summary>
    public string? FormId { get; set; }

    /// <summary>The sales owner after the change.</summary>
    public string? Owner { get; set; }

    /// <summary>When the lead was first captured.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the lead first reached MQL (its cohort), as of after the change.</summary>
    public DateTimeOffset? MqlAt { get; set; }

    /// <summary>The trained model's calibrated probability behind <see cref="StageChangeRow.Score"/>; empty under the points model.</summary>
    public double? Probability { get; set; }

    /// <summary>The deal amount, on moves to Opportunity and Won.</summary>
    public double? Amount { get; set; }
}
