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

    /// <summary>Marketing consent: the latest explicit answer; false until a submission says yes.</summary>
    /// <remarks>
    /// A later explicit "no" sets it back to false (a withdrawal); a submission without the field changes nothing.
    /// Whether false was ever said explicitly is in <see cref="FieldUpdatedAt"/> (an entry for
    /// <see cref="Capture.LeadFieldNames.ConsentMarketing"/>).
    /// </remarks>
    public bool ConsentMarketing { get; init; }

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

    /// <summary>The latest score, 0–100.</summary>
    public int Score { get; init; }

    /// <summary>The latest grade, "A"–"D".</summary>
    public string? Grade { get; init; }

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

    /// <summary>Moves the lead to <paramref name="to"/> and returns the change to record.</summary>
    /// <remarks>
    /// Pure: nothing is stored here. The change carries the lead's current score and model. <paramref name="at"/>
    /// is UTC; stage-history rows sort by it.
    /// </remarks>
    /// <exception cref="FunnelTransitionException">The funnel has no move from <see cref="Stage"/> to <paramref name="to"/>.</exception>
    public StageChange AdvanceTo(FunnelStage to, DateTimeOffset at, string reason, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        FunnelTransitions.EnsureAllowed(_stage, to);
        var change = new StageChange(_stage, to, at.ToUniversalTime(), reason, Score, ScoringModel ?? string.Empty, actor);
        _stage = to;
        _stageEnteredAt = change.At;
        return change;
    }
}
