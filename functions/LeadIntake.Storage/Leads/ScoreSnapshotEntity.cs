namespace LeadIntake.Storage.Leads;

/// <summary>The features a score was computed from and its result: a row of the <c>ScoreSnapshots</c> table.</summary>
/// <remarks>
/// PartitionKey = lead id; RowKey = <c>{received-at yyyyMMddTHHmmss.fffffffZ}_{submission id}</c> (one snapshot per
/// processed submission, rewritten on redelivery). These rows are the closed-loop training input.
/// </remarks>
public sealed class ScoreSnapshotEntity : TableRow
{
    /// <summary>Submission that was scored.</summary>
    public string SubmissionId { get; set; } = "";

    /// <summary>When the score was computed (UTC).</summary>
    public DateTimeOffset ScoredAt { get; set; }

    /// <summary>The feature snapshot as a JSON object (name → string, number or null).</summary>
    public string Features { get; set; } = "{}";

    /// <summary>Score 0–100.</summary>
    public int Score { get; set; }

    /// <summary>The model's calibrated probability of conversion (0–1); empty for the points model, which has none.</summary>
    public double? Probability { get; set; }

    /// <summary>Grade A–D.</summary>
    public string Grade { get; set; } = "";

    /// <summary>Version of the scoring model.</summary>
    public string ScoringModel { get; set; } = "";

    /// <summary>Reasons as a JSON array of {feature, value, contribution}.</summary>
    public string Reasons { get; set; } = "[]";

    /// <summary>Qualification policy version in force when the lead was scored.</summary>
    public string PolicyVersion { get; set; } = "";
}
