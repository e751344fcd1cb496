using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Leads;

/// <summary>A lead: the merged profile of every submission for one email, its score and its funnel stage.</summary>
/// <remarks>
/// Built and updated by <see cref="LeadProcessor"/>; the storage mapper rehydrates it with an object initializer
/// (that is what the init accessors are for). After construction the stage changes only through
/// <see cref="AdvanceTo"/>, which enforces <see cref="FunnelTransitions"/>. Times are UTC.
/// </remarks>
public sealed record Lead
{
    /// <summary>How many submission ids are remembered to recognise redelivered messages.</summary>
    public const int MaxRecentSubmissionIds = 50;

    /// <summary>How many score reasons are kept on the lead.</summary>
    public const int MaxScoreReasons = 5;

    /// <summary>Most custom fields kept on a lead; beyond it the least recently set are dropped (<see cref="CustomFields"/>).</summary>
    public const int MaxCustomFields = 50;

    private FunnelStage _stage = FunnelTransitions.EntryStage;
    private DateTimeOffset? _stageEnteredAt;
    private FunnelMilestones _milestones = FunnelMilestones.None;

    /// <summary>The lead id (<see cref="Capture.LeadIdentity.LeadIdFor"/>).</summary>
    public required string LeadId { get; init; }

    /// <summary>The latest email spelling (same address, case may differ).</summary>
    public required string Email { get; init; }

    /// <summary>First name (latest non-empty).</summary>
    public string? FirstName { get; init; }

    /// <summary>Last name (latest non-empty).</summary>
    public string? LastName { get; init; }

    /// <summary>Company (latest non-empty).</summary>
    public string? Company { get; init; }

    /// <summary>Job title (latest non-empty).</summary>
    public string? JobTitle { get; init; }

    /// <summary>Phone (latest non-empty).</summary>
    public string? Phone { get; init; }

    /// <summary>Country (latest non-empty).</summary>
    public string? Country { get; init; }

    /// <summary>The latest non-empty message.</summary>
    public string? Message { get; init; }

    /// <summary>The latest form used.</summary>
    public string? FormId { get; init; }

    /// <summary>The form of the earliest submission, kept with <see cref="FirstTouch"/> (the KPIs' form).</summary>
    public string? FirstFormId { get; init; }

    /// <summary>Marketing consent: the latest explicit answer; false until a submission says yes.</summary>
    /// <remarks>
    /// A later explicit "no" sets it back to false (a withdrawal), and so does an <c>unsubscribe</c> event later than the
    /// latest "yes" (<see cref="Qualification.LeadQualifier"/>); a submission without the field changes nothing. The proof
    /// of the latest "yes" stays in <see cref="Consent"/>.
    /// Whether false was ever said explicitly is in <see cref="FieldUpdatedAt"/> (an entry for
    /// <see cref="Capture.LeadFieldNames.ConsentMarketing"/>).
    /// </remarks>
    public bool ConsentMarketing { get; init; }

    /// <summary>True when the latest unsubscribe is later than the latest "yes" to marketing consent (one who opts in again is not).</summary>
    public bool IsUnsubscribed =>
        UnsubscribedAt is { } unsubscribedAt
        && !(ConsentMarketing && FieldUpdatedAt.TryGetValue(Capture.LeadFieldNames.ConsentMarketing, out var consentAt) && consentAt > unsubscribedAt);

    /// <summary>The proof of the latest marketing consent given (wording version, form, page, time); null when none was.</summary>
    /// <remarks>
    /// Set by the submission with the latest received-at that said yes (<see cref="ConsentProof.Latest"/>); a later
    /// submission without the field, an explicit "no" or an unsubscribe keep it as history. Whether the consent is still
    /// in force is <see cref="ConsentMarketing"/>. Every consent given is also on the lead's timeline (its form-submission row).
    /// </remarks>
    public ConsentProof? Consent { get; init; }

    /// <summary>Contact request: the latest explicit answer; false until a submission says yes.</summary>
    /// <remarks>Merged like <see cref="ConsentMarketing"/>.</remarks>
    public bool ContactRequested { get; init; }

    /// <summary>Custom fields merged over submissions (latest non-empty value per name), names case-insensitive.</summary>
    /// <remarks>
    /// Enumerates in the order the values were set, least recently set first: a name that takes a new value moves
    /// to the end. Storage must keep that order (a JSON object written and read in order does): it decides which
    /// fields go first when the map is full. Bounded by <see cref="MaxCustomFields"/> names and
    /// <see cref="Capture.LeadCaptureLimits.MaxCustomFieldsStoredLength"/> characters once stored
    /// (<see cref="Capture.CustomFieldsSize.StoredLength"/>): when the newest submission's fields do not fit beside
    /// the lead's, the lead's least recently set fields are dropped, and all of the newest submission's are kept.
    /// </remarks>
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// When each profile field (by <see cref="Capture.LeadFieldNames"/>) last took a value: lets an older
    /// submission processed late fill gaps without overwriting newer values.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> FieldUpdatedAt { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>The funnel stage. Set at construction (rehydration); afterwards only <see cref="AdvanceTo"/> moves it.</summary>
    public FunnelStage Stage { get => _stage; init => _stage = value; }

    /// <summary>When the lead entered <see cref="Stage"/>.</summary>
    public DateTimeOffset? StageEnteredAt { get => _stageEnteredAt; init => _stageEnteredAt = value; }

    /// <summary>When the lead first reached each main-line stage after Lead; moved on only by <see cref="AdvanceTo"/>.</summary>
    public FunnelMilestones Milestones { get => _milestones; init => _milestones = value; }

    /// <summary>The latest score, 0–100.</summary>
    public int Score { get; init; }

    /// <summary>The latest grade, "A"–"D".</summary>
    public string? Grade { get; init; }

    /// <summary>The trained model's calibrated probability behind <see cref="Score"/>; null under the points model.</summary>
    public double? Probability { get; init; }

    /// <summary>Version of the model behind <see cref="Score"/>.</summary>
    public string? ScoringModel { get; init; }

    /// <summary>The top reasons behind <see cref="Score"/> (at most <see cref="MaxScoreReasons"/>).</summary>
    public IReadOnlyList<ScoreReason> ScoreReasons { get; init; } = [];

    /// <summary>When the lead was last scored.</summary>
    public DateTimeOffset? ScoredAt { get; init; }

    /// <summary>The kind of mailbox.</summary>
    public EmailClass EmailClass { get; init; }

    /// <summary>The email's domain.</summary>
    public string? EmailDomain { get; init; }

    /// <summary>The company's web domain (corporate and role addresses), else null.</summary>
    public string? CompanyDomain { get; init; }

    /// <summary>The earliest touch, kept for good (an older submission processed late replaces it).</summary>
    public Touch? FirstTouch { get; init; }

    /// <summary>The latest non-direct touch (a direct revisit does not erase the campaign that brought the lead).</summary>
    public Touch? LastTouch { get; init; }

    /// <summary>The acquisition channel: the first touch's.</summary>
    public MarketingChannel Channel => FirstTouch?.Channel ?? MarketingChannel.Direct;

    /// <summary>Received-at of the earliest submission.</summary>
    public DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>Received-at of the latest submission.</summary>
    public DateTimeOffset LastSeenAt { get; init; }

    /// <summary>How many distinct submissions were merged.</summary>
    public int SubmissionCount { get; init; }

    /// <summary>Ids of the latest processed submissions, oldest first (at most <see cref="MaxRecentSubmissionIds"/>).</summary>
    public IReadOnlyList<string> RecentSubmissionIds { get; init; } = [];

    /// <summary>When the pipeline last changed this lead.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Engagement: decayed behaviour points (<see cref="Qualification.EngagementScore"/>) as of <see cref="EngagementAt"/>.</summary>
    public int Engagement { get; init; }

    /// <summary>When <see cref="Engagement"/> was computed.</summary>
    public DateTimeOffset? EngagementAt { get; init; }

    /// <summary>Version of the qualification policy behind the latest decision.</summary>
    public string? PolicyVersion { get; init; }

    /// <summary>Why the lead is in <see cref="Stage"/>: the reason of its latest move.</summary>
    public string? StageReason { get; init; }

    /// <summary>When the latest <c>unsubscribe</c> event happened.</summary>
    public DateTimeOffset? UnsubscribedAt { get; init; }

    /// <summary>When the latest <c>hard_bounce</c> event happened.</summary>
    public DateTimeOffset? HardBouncedAt { get; init; }

    /// <summary>When a new MQL's nurture period ends and it is handed to sales.</summary>
    public DateTimeOffset? HandoffDueAt { get; init; }

    /// <summary>The sales owner the hand-off routed the lead to.</summary>
    public string? Owner { get; init; }

    /// <summary>When the lead was handed to sales in its current sales cycle.</summary>
    public DateTimeOffset? HandedOffAt { get; init; }

    /// <summary>When the first response is due (business time after <see cref="HandedOffAt"/>).</summary>
    public DateTimeOffset? ResponseDueAt { get; init; }

    /// <summary>When sales first contacted the lead in this cycle.</summary>
    public DateTimeOffset? FirstResponseAt { get; init; }

    /// <summary>When the first-response deadline was found missed.</summary>
    public DateTimeOffset? FirstResponseBreachedAt { get; init; }

    /// <summary>Contact attempts that count as follow-ups (spaced at least the policy's minimum apart).</summary>
    public int FollowUpCount { get; init; }

    /// <summary>When the latest counted follow-up happened (spacing is measured from it).</summary>
    public DateTimeOffset? LastFollowUpAt { get; init; }

    /// <summary>When sales last contacted the lead.</summary>
    public DateTimeOffset? LastContactAt { get; init; }

    /// <summary>When the required follow-ups are due; cleared once sales connected or the window closed.</summary>
    public DateTimeOffset? NextFollowUpDueAt { get; init; }

    /// <summary>When the follow-up deadline was found missed.</summary>
    public DateTimeOffset? FollowUpBreachedAt { get; init; }

    /// <summary>When sales first reached the lead (<c>connected</c> or <c>meeting_booked</c>).</summary>
    public DateTimeOffset? ConnectedAt { get; init; }

    /// <summary>"won" or "lost" once the deal closed.</summary>
    public string? Outcome { get; init; }

    /// <summary>When the deal closed.</summary>
    public DateTimeOffset? OutcomeAt { get; init; }

    /// <summary>The opportunity's or won deal's amount.</summary>
    public decimal? Amount { get; init; }

    /// <summary>When a lost lead returns to Nurture.</summary>
    public DateTimeOffset? RecycleDueAt { get; init; }

    /// <summary>Ids of the latest applied sales events, oldest first (at most <see cref="MaxRecentSubmissionIds"/>): a repeated id changes nothing.</summary>
    public IReadOnlyList<string> RecentSalesEventIds { get; init; } = [];

    /// <summary>True when the pipeline, not sales, decides this lead's next move: Lead, Nurture, or an MQL not yet handed over.</summary>
    public bool IsOwnedByMarketing => Stage is FunnelStage.Lead or FunnelStage.Nurture || (Stage == FunnelStage.MarketingQualified && HandedOffAt is null);

    /// <summary>A copy with the hand-off and SLA state cleared: the lead left sales (Nurture, Disqualified, back to Lead).</summary>
    public Lead EndSalesCycle() => this with
    {
        HandoffDueAt = null,
        Owner = null,
        HandedOffAt = null,
        ResponseDueAt = null,
        FirstResponseAt = null,
        FirstResponseBreachedAt = null,
        FollowUpCount = 0,
        LastFollowUpAt = null,
        NextFollowUpDueAt = null,
        FollowUpBreachedAt = null,
        ConnectedAt = null,
    };

    /// <summary>Moves the lead to <paramref name="to"/> and returns the change to record.</summary>
    /// <exception cref="FunnelTransitionException">The funnel has no move from <see cref="Stage"/> to <paramref name="to"/>.</exception>
    /// <remarks>
    /// Pure: nothing is stored here. The change carries the lead's current score, model and policy version, the stages it
    /// reached first (<see cref="Milestones"/> move on) and when the lead entered the stage it leaves. <paramref name="at"/>
    /// is UTC; stage-history rows sort by it, so the move is recorded strictly after the lead entered its stage: at
    /// <paramref name="at"/>, or one tick (100 ns, the row key's precision) after the entry when <paramref name="at"/> is not
    /// later (an event dated before the submission that created the lead, a late older submission, two moves in one round).
    /// <see cref="StageReason"/> is not changed here: callers set it from the change (<c>lead with { StageReason = change.Reason }</c>)
    /// because a record copy is made for every other field anyway.
    /// </remarks>
    public StageChange AdvanceTo(FunnelStage to, DateTimeOffset at, string reason, string actor, string? rule = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        FunnelTransitions.EnsureAllowed(_stage, to);
        var moveAt = _stageEnteredAt is { } entered && at <= entered ? entered.ToUniversalTime().AddTicks(1) : at.ToUniversalTime();
        var (milestones, reached) = _milestones.Reach(_stage, to, moveAt);
        var change = new StageChange(_stage, to, moveAt, reason, Score, ScoringModel ?? string.Empty, actor)
        {
            Rule = rule,
            PolicyVersion = PolicyVersion ?? string.Empty,
            Reached = reached,
            FromEnteredAt = _stageEnteredAt,
        };
        _milestones = milestones;
        _stage = to;
        _stageEnteredAt = change.At;
        return change;
    }
}
