using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Domain.Policy;

/// <summary>The agreement between marketing and sales, as data: when a lead is an MQL or an SQL, how it is handed over, how fast sales answers.</summary>
/// <remarks>
/// Read from <c>qualification-policy.json</c> by <see cref="Parse"/> (strict: unknown fields, event types, signals, stages
/// and features are errors naming them); the built-in default is <see cref="Default"/>. Durations in the file are strings
/// (<c>"90s"</c>, <c>"15m"</c>, <c>"24h"</c>, <c>"30d"</c>) and arrive here as plain <see cref="TimeSpan"/>s: outside
/// <see cref="Sla"/> they are calendar time ("1d" = 24 hours); inside it they are business time and "1d" is one working
/// day (<see cref="BusinessHours.WorkingDayLength"/>), already multiplied out. Pure data: evaluated by
/// <see cref="Qualification.LeadQualifier"/> and the SLA clock. <see cref="Version"/> is recorded on every score and stage
/// change. Immutable and thread-safe.
/// </remarks>
public sealed partial record QualificationPolicy
{
    /// <summary>The version recorded with every decision (e.g. <c>policy-2026-12</c>).</summary>
    public required string Version { get; init; }

    /// <summary>What the policy is for, in words.</summary>
    public string? Description { get; init; }

    /// <summary>Who signed this version, e.g. "Head of Marketing", "Head of Sales".</summary>
    public IReadOnlyList<string> SignedBy { get; init; } = [];

    /// <summary>Behaviour points: what each event type is worth, the decay and the caps.</summary>
    public required EngagementPolicy Engagement { get; init; }

    /// <summary>Any of these makes a Lead (or a re-engaged Nurture lead) an MQL.</summary>
    public required IReadOnlyList<QualificationRule> MarketingQualified { get; init; }

    /// <summary>Any of these makes a lead an SQL at once and hands it over without the nurture period (the fast track).</summary>
    public required IReadOnlyList<QualificationRule> SalesQualifiedFastTrack { get; init; }

    /// <summary>Signals that disqualify a lead the pipeline owns, each with its reason code; the first that holds wins.</summary>
    public required IReadOnlyList<DisqualifyRule> Disqualify { get; init; }

    /// <summary>Email domains of competitors (lower case), for <see cref="LeadSignal.CompetitorDomain"/>.</summary>
    public IReadOnlySet<string> CompetitorDomains { get; init; } = new HashSet<string>();

    /// <summary>Domain endings of schools and universities (lower case, e.g. <c>.edu</c>), for <see cref="LeadSignal.StudentDomain"/>.</summary>
    public IReadOnlyList<string> StudentDomainSuffixes { get; init; } = [];

    /// <summary>How long a new MQL waits before it is handed over (the "quarantine"); zero hands it over at once.</summary>
    /// <remarks>Calendar time (<c>"nurturePeriod": "24h"</c>; "1d" is 24 hours).</remarks>
    public required TimeSpan NurturePeriod { get; init; }

    /// <summary>How leads are handed to sales.</summary>
    public required HandoffPolicy Handoff { get; init; }

    /// <summary>The sales SLA: first response and follow-ups, in business time.</summary>
    public required SalesSlaPolicy Sla { get; init; }

    /// <summary>Where rejected and lost leads go.</summary>
    public required RecyclePolicy Recycle { get; init; }

    /// <summary>The volume goals the funnel KPIs are shown against (<c>kpis.goals</c>); none by default.</summary>
    public Kpis.FunnelGoals Goals { get; init; } = Kpis.FunnelGoals.None;

    /// <summary>The healthy MQL → SQL range (<c>kpis.mqlToSqlBand</c>); outside it the KPIs flag the MQL definition.</summary>
    public Kpis.ConversionBand MqlToSqlBand { get; init; } = Kpis.ConversionBand.Default;
}

/// <summary>Behaviour points with decay and caps.</summary>
/// <param name="HalfLife">After this long an event is worth half its points (calendar time; "1d" is 24 hours).</param>
/// <param name="CapPeriod">The period over which <see cref="EventPoints.MaxPerPeriod"/> counts (fixed UTC windows from 1970-01-01; calendar time).</param>
/// <param name="Events">Points per event type (snake_case), the event types <c>POST /api/activities</c> accepts.</param>
public sealed record EngagementPolicy(TimeSpan HalfLife, TimeSpan CapPeriod, IReadOnlyDictionary<string, EventPoints> Events)
{
    /// <summary>The built-in event type recorded for every accepted form submission.</summary>
    public const string FormSubmission = "form_submission";
}

/// <summary>What one event type is worth.</summary>
/// <param name="Points">Points per event (negative for unsubscribes, bounces).</param>
/// <param name="MaxPerPeriod">Most events of this type that count per cap period, so a bot clicking 500 times is not an SQL.</param>
public sealed record EventPoints(int Points, int MaxPerPeriod);

/// <summary>A named condition over fit, grade, engagement, signals, recent events and features; every given part must hold.</summary>
/// <param name="Name">The rule's name, recorded in the stage history when it fires.</param>
/// <remarks>A part left null is not checked; a rule must give at least one part.</remarks>
public sealed record QualificationRule(string Name)
{
    /// <summary>Fit (the score, 0–100) at least this.</summary>
    public int? FitAtLeast { get; init; }

    /// <summary>Fit grade one of these ("A"–"D").</summary>
    public IReadOnlySet<string>? GradeIn { get; init; }

    /// <summary>Engagement (decayed behaviour points) at least this.</summary>
    public int? EngagementAtLeast { get; init; }

    /// <summary>At least one of these signals holds.</summary>
    public IReadOnlySet<LeadSignal>? SignalsAny { get; init; }

    /// <summary>At least one event of these types within <see cref="EventsWithin"/>.</summary>
    public IReadOnlySet<string>? EventsAny { get; init; }

    /// <summary>How far back <see cref="EventsAny"/> looks; calendar time, 30 days unless the rule says (<c>"eventsWithin": "14d"</c>).</summary>
    public TimeSpan EventsWithin { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Intake features (by <see cref="Scoring.LeadFeatureNames"/>) whose formatted value must be one of the listed values.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>>? FeatureIn { get; init; }
}

/// <summary>A signal that disqualifies a lead, with the reason code recorded.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Reason">The reason code (snake_case), e.g. <c>competitor</c>.</param>
public sealed record DisqualifyRule(LeadSignal Signal, string Reason);

/// <summary>How leads reach sales.</summary>
/// <param name="Stage">
/// <see cref="FunnelStage.SalesAccepted"/>: the MQL is handed to sales development, who accept it (SAL) or reject it;
/// <see cref="FunnelStage.SalesQualified"/>: the pipeline moves the MQL straight to SQL when it hands it over.
/// </param>
/// <param name="Routing">Who gets it.</param>
public sealed record HandoffPolicy(FunnelStage Stage, OwnerRouting Routing);

/// <summary>How a handed-over lead gets its owner.</summary>
/// <param name="Mode">None, an even split over <paramref name="Owners"/>, or by country.</param>
/// <param name="Owners">The owners an even split rotates over.</param>
/// <param name="ByCountry">Owner by country (as the form gives it, compared case-insensitively), for <see cref="RoutingMode.ByCountry"/>.</param>
/// <param name="DefaultOwner">The owner when no country matches; null leaves the lead unassigned.</param>
public sealed record OwnerRouting(
    RoutingMode Mode, IReadOnlyList<string> Owners, IReadOnlyDictionary<string, string> ByCountry, string? DefaultOwner)
{
    /// <summary>No routing: the hand-off carries no owner.</summary>
    public static OwnerRouting None { get; } = new(RoutingMode.None, [], new Dictionary<string, string>(), null);
}

/// <summary>How <see cref="OwnerRouting"/> picks an owner.</summary>
public enum RoutingMode
{
    /// <summary>No owner is assigned ("none").</summary>
    None,

    /// <summary>Owners share leads evenly, picked by the lead id so a retried hand-off picks the same owner ("even").</summary>
    Even,

    /// <summary>By the lead's country, else the default owner ("by_country").</summary>
    ByCountry,
}

/// <summary>The sales SLA, counted in business time.</summary>
/// <remarks>
/// Every duration here is business time: only the working hours of <see cref="Hours"/> count. In the file "1d" means one
/// working day, not 24 hours, and the parser has already multiplied it out: with working hours 09:00–17:00,
/// <c>"within": "5d"</c> is a <see cref="FollowUpWindow"/> of 5 × <see cref="BusinessHours.WorkingDayLength"/> = 40 hours
/// of business time; "h", "m" and "s" are taken as written.
/// </remarks>
/// <param name="Hours">Working days and hours, time zone and holidays.</param>
/// <param name="FirstResponse">Business time from hand-off to the first contact attempt ("1d" in the file = one working day).</param>
/// <param name="FollowUps">Contact attempts required within <paramref name="FollowUpWindow"/> of the hand-off.</param>
/// <param name="FollowUpWindow">Business time from hand-off by which <paramref name="FollowUps"/> attempts are due ("5d" in the file = five working days).</param>
/// <param name="MinFollowUpSpacing">Business time: an attempt sooner than this after the previous counted one does not count as a follow-up; zero counts every attempt.</param>
/// <param name="ExhaustedMoveTo">Where a lead goes when its follow-ups are done and sales never connected.</param>
/// <param name="ExhaustedReason">The reason code of that move.</param>
public sealed record SalesSlaPolicy(
    BusinessHours Hours, TimeSpan FirstResponse, int FollowUps, TimeSpan FollowUpWindow, TimeSpan MinFollowUpSpacing,
    FunnelStage ExhaustedMoveTo, string ExhaustedReason);

/// <summary>Where leads go back to.</summary>
/// <param name="RejectedMoveTo">Where a lead rejected by sales goes: Nurture or MQL.</param>
/// <param name="LostToNurtureAfter">How long after a lost deal the lead returns to Nurture (calendar time); null keeps it Lost.</param>
public sealed record RecyclePolicy(FunnelStage RejectedMoveTo, TimeSpan? LostToNurtureAfter);
