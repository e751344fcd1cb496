using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Kpis;

/// <summary>A <c>FunnelDaily</c> volume row: one UTC day's KPIs of one dimension value.</summary>
/// <remarks>
/// PartitionKey = the UTC day (<c>yyyy-MM-dd</c>), RowKey = <c>{dimension}|{value}</c> (<c>all|all</c>,
/// <c>channel|paid_search</c>, <c>owner|tom@example.com</c>; see <see cref="FunnelRowKeys"/>). The same partition holds
/// the day's cohort rows (<see cref="FunnelCohortContributionEntity"/>) and model rows (<see cref="FunnelModelEntity"/>).
/// Histogram columns hold the <see cref="Domain.Kpis.DurationHistogram"/> text (<c>bucket:count …</c>). Rewritten
/// whole by every rebuild of the day; <see cref="RebuiltAt"/> is the only column that changes when nothing else did.
/// </remarks>
public sealed class FunnelDailyEntity : TableRow
{
    /// <summary>The dimension's code (<c>all</c>, <c>channel</c>, <c>campaign</c>, <c>form</c>, <c>owner</c>).</summary>
    public string Dimension { get; set; } = "";

    /// <summary>The dimension value, unescaped.</summary>
    public string Value { get; set; } = "";

    /// <summary>New leads.</summary>
    public int Leads { get; set; }

    /// <summary>Leads that first reached MQL.</summary>
    public int MQLs { get; set; }

    /// <summary>Leads that first reached SAL.</summary>
    public int SALs { get; set; }

    /// <summary>Leads that first reached SQL.</summary>
    public int SQLs { get; set; }

    /// <summary>Leads that first reached Opportunity.</summary>
    public int Opportunities { get; set; }

    /// <summary>Leads won.</summary>
    public int Won { get; set; }

    /// <summary>Moves to Lost.</summary>
    public int Lost { get; set; }

    /// <summary>Moves to Nurture.</summary>
    public int Nurture { get; set; }

    /// <summary>Moves to Disqualified.</summary>
    public int Disqualified { get; set; }

    /// <summary>Sum of the won deals' amounts.</summary>
    public double WonAmount { get; set; }

    /// <summary>Hand-offs to sales that day.</summary>
    public int Handoffs { get; set; }

    /// <summary>Hand-offs first answered within the SLA.</summary>
    public int RespondedWithinSla { get; set; }

    /// <summary>Hand-offs first answered late.</summary>
    public int RespondedLate { get; set; }

    /// <summary>Hand-offs never answered, breach recorded.</summary>
    public int ResponsesMissed { get; set; }

    /// <summary>Hand-offs neither answered nor breached yet.</summary>
    public int ResponsesPending { get; set; }

    /// <summary>Follow-up windows met.</summary>
    public int FollowUpsMet { get; set; }

    /// <summary>Follow-up windows missed.</summary>
    public int FollowUpsMissed { get; set; }

    /// <summary>Follow-up windows still open.</summary>
    public int FollowUpsPending { get; set; }

    /// <summary>Counted follow-ups of the day's hand-offs, summed.</summary>
    public int FollowUps { get; set; }

    /// <summary>Hours in Lead of the moves out of Lead (histogram text).</summary>
    public string TimeInLead { get; set; } = "";

    /// <summary>Time in MQL (histogram text).</summary>
    public string TimeInMQL { get; set; } = "";

    /// <summary>Time in SAL (histogram text).</summary>
    public string TimeInSAL { get; set; } = "";

    /// <summary>Time in SQL (histogram text).</summary>
    public string TimeInSQL { get; set; } = "";

    /// <summary>Time in Opportunity (histogram text).</summary>
    public string TimeInOpportunity { get; set; } = "";

    /// <summary>Time in Nurture (histogram text).</summary>
    public string TimeInNurture { get; set; } = "";

    /// <summary>Capture → hand-off of the day's hand-offs (histogram text).</summary>
    public string CaptureToHandoff { get; set; } = "";

    /// <summary>Hand-off → first response of the day's answered hand-offs (histogram text).</summary>
    public string HandoffToFirstResponse { get; set; } = "";

    /// <summary>SLA breaches per owner, JSON: <c>[{"owner":"tom@example.com","firstResponse":1,"followUps":0}]</c>; empty for none.</summary>
    public string? BreachesByOwner { get; set; }

    /// <summary>When the day was last rebuilt (UTC).</summary>
    public DateTimeOffset RebuiltAt { get; set; }
}

/// <summary>A <c>FunnelDaily</c> cohort row: what one day added to one MQL month's cohort, for one dimension value.</summary>
/// <remarks>
/// PartitionKey = the UTC day, RowKey = <c>cohort|{yyyy-MM}|{dimension}|{value}</c>: all contributions to a cohort month
/// share a RowKey prefix, so the cohort rebuild reads only them across the month and the 11 after it.
/// </remarks>
public sealed class FunnelCohortContributionEntity : TableRow
{
    /// <summary>The MQL month (<c>yyyy-MM</c>).</summary>
    public string CohortMonth { get; set; } = "";

    /// <summary>The dimension's code.</summary>
    public string Dimension { get; set; } = "";

    /// <summary>The dimension value, unescaped.</summary>
    public string Value { get; set; } = "";

    /// <summary>Leads of the cohort that first reached MQL that day.</summary>
    public int MQLs { get; set; }

    /// <summary>Leads of the cohort that first reached SQL that day.</summary>
    public int SQLs { get; set; }

    /// <summary>Leads of the cohort won that day.</summary>
    public int Won { get; set; }

    /// <summary>When the day was last rebuilt (UTC).</summary>
    public DateTimeOffset RebuiltAt { get; set; }
}

/// <summary>A <c>FunnelDaily</c> model row: one day's outcomes and new-lead scores of one scoring model version.</summary>
/// <remarks>
/// PartitionKey = the UTC day, RowKey = <c>model|{model version}</c>. Score columns hold <c>score:count</c> pairs
/// (<see cref="Domain.Kpis.ScoreCounts"/>); <see cref="Calibration"/> holds <c>decile:count:won:millionths</c> groups
/// (<see cref="Domain.Kpis.CalibrationSums"/>).
/// </remarks>
public sealed class FunnelModelEntity : TableRow
{
    /// <summary>The scoring model version.</summary>
    public string ModelVersion { get; set; } = "";

    /// <summary>Moves to Won scored by this model.</summary>
    public int Won { get; set; }

    /// <summary>Moves to Lost scored by this model.</summary>
    public int Lost { get; set; }

    /// <summary>New leads scored by this model.</summary>
    public int NewLeads { get; set; }

    /// <summary>Scores of the moves to Won.</summary>
    public string WonScores { get; set; } = "";

    /// <summary>Scores of the moves to Lost.</summary>
    public string LostScores { get; set; } = "";

    /// <summary>Probabilities of the closed moves per decile (trained models).</summary>
    public string Calibration { get; set; } = "";

    /// <summary>Scores of the day's new leads.</summary>
    public string NewLeadScores { get; set; } = "";

    /// <summary>When the day was last rebuilt (UTC).</summary>
    public DateTimeOffset RebuiltAt { get; set; }
}
