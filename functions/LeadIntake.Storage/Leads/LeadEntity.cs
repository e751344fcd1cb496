namespace LeadIntake.Storage.Leads;

/// <summary>A lead's current profile, stage and score: one row of the <c>Leads</c> table.</summary>
/// <remarks>
/// PartitionKey = lead id (keyed hash of the normalised email), RowKey = <see cref="ProfileRowKey"/> (<c>"lead"</c>),
/// so each lead is its own partition and later per-lead rows can sit beside it. Stages are codes (<c>Lead</c>,
/// <c>MQL</c>, <c>SQL</c>…), times ISO-8601 UTC. Written only with ETag concurrency by <see cref="TableLeadStore"/>.
/// </remarks>
public sealed class LeadEntity : TableRow
{
    /// <summary>The RowKey of every lead row.</summary>
    public const string ProfileRowKey = "lead";

    /// <summary>Normalised email address.</summary>
    public string Email { get; set; } = "";

    /// <summary>First name, latest non-empty value.</summary>
    public string? FirstName { get; set; }

    /// <summary>Last name, latest non-empty value.</summary>
    public string? LastName { get; set; }

    /// <summary>Company, latest non-empty value.</summary>
    public string? Company { get; set; }

    /// <summary>Job title, latest non-empty value.</summary>
    public string? JobTitle { get; set; }

    /// <summary>Phone, latest non-empty value.</summary>
    public string? Phone { get; set; }

    /// <summary>Country, latest non-empty value.</summary>
    public string? Country { get; set; }

    /// <summary>Whether the lead's marketing consent is in force: false until a submission says yes, false again after an
    /// explicit "no" or an unsubscribe (stored as false, never empty).</summary>
    public bool ConsentMarketing { get; set; }

    /// <summary>Version of the consent wording of the latest consent given (the form registry's ConsentVersion).</summary>
    /// <remarks>
    /// With <see cref="ConsentFormId"/>, <see cref="ConsentPageUrl"/> and <see cref="ConsentAt"/>: the proof of the latest
    /// "yes", kept after a withdrawal (<see cref="ConsentMarketing"/> false, <see cref="UnsubscribedAt"/>) as history.
    /// Every earlier consent is on its form-submission row in <c>LeadActivities</c>.
    /// </remarks>
    public string? ConsentVersion { get; set; }

    /// <summary>The form the latest consent was given on.</summary>
    public string? ConsentFormId { get; set; }

    /// <summary>The page the latest consent was given on.</summary>
    public string? ConsentPageUrl { get; set; }

    /// <summary>When the latest consent was given: its submission's received-at (UTC); empty when none was.</summary>
    public DateTimeOffset? ConsentAt { get; set; }

    /// <summary>Whether the lead asked to be contacted: false until a submission says yes.</summary>
    public bool ContactRequested { get; set; }

    /// <summary>The latest form used.</summary>
    public string? FormId { get; set; }

    /// <summary>Form of the earliest submission (the KPIs' form).</summary>
    public string? FirstFormId { get; set; }

    /// <summary>When the lead first reached MQL (or a later stage of the main line).</summary>
    public DateTimeOffset? MqlAt { get; set; }

    /// <summary>When the lead first reached SAL (or later).</summary>
    public DateTimeOffset? SalAt { get; set; }

    /// <summary>When the lead first reached SQL (or later).</summary>
    public DateTimeOffset? SqlAt { get; set; }

    /// <summary>When the lead first reached Opportunity (or Won).</summary>
    public DateTimeOffset? OpportunityAt { get; set; }

    /// <summary>When the lead was won.</summary>
    public DateTimeOffset? WonAt { get; set; }

    /// <summary>The trained model's calibrated probability behind Score; empty under the points model.</summary>
    public double? Probability { get; set; }

    /// <summary>Funnel stage code (<c>Lead</c>, <c>MQL</c>, <c>SQL</c>…).</summary>
    public string Stage { get; set; } = "";

    /// <summary>When the lead entered <see cref="Stage"/> (UTC).</summary>
    public DateTimeOffset? StageEnteredAt { get; set; }

    /// <summary>Score 0–100.</summary>
    public int Score { get; set; }

    /// <summary>Grade A–D.</summary>
    public string? Grade { get; set; }

    /// <summary>Version of the scoring model that produced <see cref="Score"/>.</summary>
    public string? ScoringModel { get; set; }

    /// <summary>The strongest reasons behind the score: JSON array of {feature, value, contribution}.</summary>
    public string? TopReasons { get; set; }

    /// <summary>When the lead was last scored (UTC).</summary>
    public DateTimeOffset? ScoredAt { get; set; }

    /// <summary>Email class code: corporate, free_mail, disposable, role.</summary>
    public string? EmailClass { get; set; }

    /// <summary>Domain of the email address.</summary>
    public string? EmailDomain { get; set; }

    /// <summary>Company domain, when the email is corporate.</summary>
    public string? CompanyDomain { get; set; }

    /// <summary>Acquisition channel code (the first touch's): paid_search, organic_search, email, social, referral, direct.</summary>
    public string? Channel { get; set; }

    /// <summary>Source (utm_source or referrer host) of the first touch.</summary>
    public string? FirstTouchSource { get; set; }

    /// <summary>Medium of the first touch.</summary>
    public string? FirstTouchMedium { get; set; }

    /// <summary>Campaign of the first touch.</summary>
    public string? FirstTouchCampaign { get; set; }

    /// <summary>Channel code of the first touch.</summary>
    public string? FirstTouchChannel { get; set; }

    /// <summary>When the first touch happened (UTC).</summary>
    public DateTimeOffset? FirstTouchAt { get; set; }

    /// <summary>Source of the latest touch.</summary>
    public string? LastTouchSource { get; set; }

    /// <summary>Medium of the latest touch.</summary>
    public string? LastTouchMedium { get; set; }

    /// <summary>Campaign of the latest touch.</summary>
    public string? LastTouchCampaign { get; set; }

    /// <summary>Channel code of the latest touch.</summary>
    public string? LastTouchChannel { get; set; }

    /// <summary>When the latest touch happened (UTC).</summary>
    public DateTimeOffset? LastTouchAt { get; set; }

    /// <summary>When the first submission was received (UTC).</summary>
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>When the latest submission was received (UTC).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>How many distinct submissions were merged into this lead.</summary>
    public int SubmissionCount { get; set; }

    /// <summary>Ids of the latest submissions, oldest first, space-separated: makes a redelivered message a no-op.</summary>
    public string? RecentSubmissionIds { get; set; }

    /// <summary>Custom form fields, as a JSON object.</summary>
    public string? CustomFields { get; set; }

    /// <summary>When each profile field last took a value: JSON object of field name to ISO-8601 time.</summary>
    public string? FieldUpdatedAt { get; set; }

    /// <summary>When the pipeline last changed the lead (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Engagement: decayed behaviour points as of <see cref="EngagementAt"/>.</summary>
    public int Engagement { get; set; }

    /// <summary>When <see cref="Engagement"/> was computed (UTC).</summary>
    public DateTimeOffset? EngagementAt { get; set; }

    /// <summary>Qualification policy version behind the latest decision.</summary>
    public string? PolicyVersion { get; set; }

    /// <summary>Why the lead is in <see cref="Stage"/>: the reason of its latest move.</summary>
    public string? StageReason { get; set; }

    /// <summary>When the lead last unsubscribed (UTC).</summary>
    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>When mail to the lead last hard-bounced (UTC).</summary>
    public DateTimeOffset? HardBouncedAt { get; set; }

    /// <summary>When a new MQL's nurture period ends and it is handed to sales (UTC).</summary>
    public DateTimeOffset? HandoffDueAt { get; set; }

    /// <summary>The sales owner the hand-off routed the lead to.</summary>
    public string? Owner { get; set; }

    /// <summary>When the lead was handed to sales in its current cycle (UTC).</summary>
    public DateTimeOffset? HandedOffAt { get; set; }

    /// <summary>When the first response is due (UTC).</summary>
    public DateTimeOffset? ResponseDueAt { get; set; }

    /// <summary>When sales first contacted the lead (UTC).</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }

    /// <summary>When the first-response deadline was found missed (UTC).</summary>
    public DateTimeOffset? FirstResponseBreachedAt { get; set; }

    /// <summary>Contact attempts that count as follow-ups.</summary>
    public int FollowUpCount { get; set; }

    /// <summary>When the latest counted follow-up happened (UTC).</summary>
    public DateTimeOffset? LastFollowUpAt { get; set; }

    /// <summary>When sales last contacted the lead (UTC).</summary>
    public DateTimeOffset? LastContactAt { get; set; }

    /// <summary>When the required follow-ups are due (UTC).</summary>
    public DateTimeOffset? NextFollowUpDueAt { get; set; }

    /// <summary>When the follow-up deadline was found missed (UTC).</summary>
    public DateTimeOffset? FollowUpBreachedAt { get; set; }

    /// <summary>When sales first reached the lead (UTC).</summary>
    public DateTimeOffset? ConnectedAt { get; set; }

    /// <summary><c>won</c> or <c>lost</c> once the deal closed.</summary>
    public string? Outcome { get; set; }

    /// <summary>When the deal closed (UTC).</summary>
    public DateTimeOffset? OutcomeAt { get; set; }

    /// <summary>The opportunity's or won deal's amount (a double: Table storage has no decimal).</summary>
    public double? Amount { get; set; }

    /// <summary>When a lost lead returns to Nurture (UTC).</summary>
    public DateTimeOffset? RecycleDueAt { get; set; }

    /// <summary>Ids of the latest applied sales events, space-separated: a repeated id changes nothing.</summary>
    public string? RecentSalesEventIds { get; set; }

    /// <summary>The latest message text the lead wrote.</summary>
    public string? Message { get; set; }
}
