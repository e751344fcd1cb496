using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Sla;
using static LeadIntake.Domain.Tests.PolicyLeads;

namespace LeadIntake.Domain.Tests.Sla;

public class LeadDeadlinesTests
{
    // policy-default-1: nurture 24 h; SLA Mon–Fri 09:00–17:00 UTC, first response 1 h, 3 follow-ups within 5 d, exhausted →
    // Nurture "follow_ups_exhausted"; lost → Nurture after 90 d.
    private static readonly QualificationPolicy _default = QualificationPolicy.Default;

    // Handed over Monday 09:00: first response due 10:00, follow-ups due Friday 17:00 (5 working days of 8 h).
    private static readonly DateTimeOffset _responseDue = Monday.AddHours(1);
    private static readonly DateTimeOffset _followUpsDue = new(2026, 11, 27, 17, 0, 0, TimeSpan.Zero);

    // A waiting MQL: became an MQL Monday 09:00, handed over after the 24 h nurture period, Tuesday 09:00.
    private static readonly DateTimeOffset _handoffDue = Monday.AddHours(24);

    private static Lead WaitingMql() => Lead(FunnelStage.MarketingQualified, enteredAt: Monday) with { HandoffDueAt = _handoffDue, PolicyVersion = "policy-default-1" };

    private static Lead InSales(FunnelStage stage) => HandedOff(stage, Monday, _responseDue, _followUpsDue, owner: "sam@acme.com");

    private static DeadlineOutcome Apply(Lead lead, LeadDeadline deadline, DateTimeOffset now, IReadOnlyList<LeadActivity>? activities = null, QualificationPolicy? policy = null) =>
        LeadDeadlines.Apply(lead, deadline, activities ?? [], policy ?? _default, now);

    private static LeadDeadline Deadline(DeadlineKind kind, DateTimeOffset dueAt) => new(LeadId, kind, dueAt);

    // ---- Of: the deadlines a lead's state implies ----

    public static TheoryData<string, Lead, LeadDeadline[]> States() => new()
    {
        { "a new lead", Lead(), [] },
        { "a waiting MQL", WaitingMql(), [Deadline(DeadlineKind.Handoff, _handoffDue)] },
        { "an MQL stored without a hand-off time", Lead(FunnelStage.MarketingQualified), [] },
        { "just handed over", InSales(FunnelStage.MarketingQualified), [Deadline(DeadlineKind.FirstResponse, _responseDue), Deadline(DeadlineKind.FollowUps, _followUpsDue)] },
        { "answered", InSales(FunnelStage.SalesAccepted) with { FirstResponseAt = Monday.AddMinutes(30) }, [Deadline(DeadlineKind.FollowUps, _followUpsDue)] },
        { "first response breached", InSales(FunnelStage.SalesAccepted) with { FirstResponseBreachedAt = _responseDue }, [Deadline(DeadlineKind.FollowUps, _followUpsDue)] },
        { "connected", InSales(FunnelStage.SalesAccepted) with { FirstResponseAt = Monday.AddMinutes(30), ConnectedAt = Monday.AddHours(2) }, [] },
        { "follow-ups breached", InSales(FunnelStage.SalesAccepted) with { FirstResponseAt = Monday.AddMinutes(30), FollowUpBreachedAt = _followUpsDue }, [] },
        { "no follow-ups required", InSales(FunnelStage.SalesQualified) with { NextFollowUpDueAt = null }, [Deadline(DeadlineKind.FirstResponse, _responseDue)] },
        {
            "lost", InSales(FunnelStage.Lost) with { FirstResponseAt = Monday.AddMinutes(30), NextFollowUpDueAt = null, RecycleDueAt = Monday.AddDays(93) },
            [Deadline(DeadlineKind.Recycle, Monday.AddDays(93))]
        },
        { "back in nurture", Lead(FunnelStage.Nurture), [] },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Of_EachState_ItsOpenDeadlines(string state, Lead lead, LeadDeadline[] expected)
    {
        Assert.True(expected.SequenceEqual(LeadDeadlines.Of(lead)), state);
    }

    // ---- Apply: stale and not due ----

    [Fact]
    public void Apply_NotDueYet_StaleNothingChanges()
    {
        var lead = InSales(FunnelStage.SalesAccepted);

        var outcome = Apply(lead, Deadline(DeadlineKind.FirstResponse, _responseDue), now: _responseDue.AddSeconds(-1));

        Assert.True(outcome.IsStale);
        Assert.Same(lead, outcome.Lead);
        Assert.Empty(outcome.Changes);
        Assert.Null(outcome.Breach);
    }

    public static TheoryData<string, Lead, LeadDeadline> StaleCases() => new()
    {
        { "answered meanwhile", InSales(FunnelStage.SalesAccepted) with { FirstResponseAt = Monday.AddMinutes(50) }, Deadline(DeadlineKind.FirstResponse, _responseDue) },
        { "handed over again since (another due time)", InSales(FunnelStage.SalesAccepted), Deadline(DeadlineKind.FirstResponse, _responseDue.AddDays(-7)) },
        { "fast-tracked before the nurture period ended", InSales(FunnelStage.SalesQualified) with { HandoffDueAt = _handoffDue }, Deadline(DeadlineKind.Handoff, _handoffDue) },
        { "rejected meanwhile", Lead(FunnelStage.Nurture), Deadline(DeadlineKind.FollowUps, _followUpsDue) },
        { "connected meanwhile", InSales(FunnelStage.SalesAccepted) with { ConnectedAt = Monday.AddHours(3) }, Deadline(DeadlineKind.FollowUps, _followUpsDue) },
        { "recycled already", Lead(FunnelStage.Nurture), Deadline(DeadlineKind.Recycle, Monday.AddDays(93)) },
        { "another lead's deadline", InSales(FunnelStage.SalesAccepted), new LeadDeadline("lead-9999", DeadlineKind.FirstResponse, _responseDue) },
    };

    [Theory]
    [MemberData(nameof(StaleCases))]
    public void Apply_LeadNoLongerHasTheDeadline_StaleNothingChanges(string why, Lead lead, LeadDeadline deadline)
    {
        var outcome = Apply(lead, deadline, now: Monday.AddDays(100));

        Assert.True(outcome.IsStale, why);
        Assert.Same(lead, outcome.Lead);
        Assert.Empty(outcome.Changes);
        Assert.Null(outcome.Breach);
        Assert.False(outcome.HandedOff);
    }

    // ---- handoff ----

    [Fact]
    public void Apply_HandoffDue_HandedOverAtTheDueTimeClockStarted()
    {
        var outcome = Apply(WaitingMql(), Deadline(DeadlineKind.Handoff, _handoffDue), now: _handoffDue.AddMinutes(5));

        Assert.False(outcome.IsStale);
        Assert.True(outcome.HandedOff);
        Assert.Empty(outcome.Changes);   // handoff.stage "SAL": still an MQL, now for sales development to accept
        Assert.Null(outcome.Breach);
        var lead = outcome.Lead;
        Assert.Equal(_handoffDue, lead.HandedOffAt);
        // From Tuesday 09:00: first response 10:00; 40 h of follow-ups: Tuesday–Friday 32 h + Monday 8 h → Monday 30th 17:00.
        Assert.Equal(
            [Deadline(DeadlineKind.FirstResponse, _handoffDue.AddHours(1)), Deadline(DeadlineKind.FollowUps, new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero))],
            LeadDeadlines.Of(lead));
    }

    [Fact]
    public void Apply_HandoffDuePolicyHandsOverAsSql_MoveAtTheDueTime()
    {
        var policy = _default with { Handoff = new HandoffPolicy(FunnelStage.SalesQualified, OwnerRouting.None) };

        var outcome = Apply(WaitingMql(), Deadline(DeadlineKind.Handoff, _handoffDue), now: _handoffDue.AddMinutes(5), policy: policy);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.MarketingQualified, FunnelStage.SalesQualified, _handoffDue, "handoff"), (change.From!.Value, change.To, change.At, change.Rule));
        Assert.True(outcome.HandedOff);
    }

    [Fact]
    public void Apply_HandoffDueButUnsubscribedMeanwhile_DisqualifiedNotHandedOff()
    {
        // The policy is evaluated again at the deadline: an unsubscribe during the nurture period disqualifies the MQL.
        var activities = new[] { Event(LeadActivity.Unsubscribe, Monday.AddHours(5)) };

        var outcome = Apply(WaitingMql(), Deadline(DeadlineKind.Handoff, _handoffDue), now: _handoffDue.AddMinutes(5), activities: activities);

        Assert.False(outcome.HandedOff);
        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.MarketingQualified, FunnelStage.Disqualified, _handoffDue), (change.From!.Value, change.To, change.At));
        Assert.Equal("unsubscribed", change.Rule);
        Assert.Null(outcome.Lead.HandedOffAt);
        Assert.Empty(LeadDeadlines.Of(outcome.Lead));
    }

    [Fact]
    public void Apply_HandoffDueButCompetitorListedMeanwhile_DisqualifiedNotHandedOff()
    {
        var policy = _default with { CompetitorDomains = new HashSet<string> { "acme.com" } };

        var outcome = Apply(WaitingMql(), Deadline(DeadlineKind.Handoff, _handoffDue), now: _handoffDue, policy: policy);

        Assert.False(outcome.HandedOff);
        Assert.Equal(FunnelStage.Disqualified, outcome.Lead.Stage);
    }

    // ---- first_response ----

    [Fact]
    public void Apply_FirstResponseMissed_OneBreachNamedByLeadKindAndDue()
    {
        var lead = InSales(FunnelStage.MarketingQualified);
        var deadline = Deadline(DeadlineKind.FirstResponse, _responseDue);
        var now = _responseDue.AddMinutes(3);

        var outcome = Apply(lead, deadline, now);

        Assert.False(outcome.IsStale);
        Assert.Empty(outcome.Changes);
        Assert.Equal(
            new SlaBreach(LeadId, DeadlineKind.FirstResponse, _responseDue, now, Monday, "sam@acme.com", FunnelStage.MarketingQualified, 0, 3, "policy-default-1"),
            outcome.Breach);
        Assert.Equal("lead-0001_first_response_20261123T100000Z", outcome.Breach!.BreachId);
        Assert.Equal(now, outcome.Lead.FirstResponseBreachedAt);
        Assert.Equal(FunnelStage.MarketingQualified, outcome.Lead.Stage);
        // Recorded once: Of no longer lists it, so the same index entry found again is stale.
        Assert.DoesNotContain(deadline, LeadDeadlines.Of(outcome.Lead));
        Assert.True(Apply(outcome.Lead, deadline, now.AddMinutes(5)).IsStale);
    }

    [Fact]
    public void Apply_BreachOfLeadWithoutPolicyVersion_PolicysVersion()
    {
        var lead = InSales(FunnelStage.SalesAccepted) with { PolicyVersion = null };

        var outcome = Apply(lead, Deadline(DeadlineKind.FirstResponse, _responseDue), _responseDue, policy: _default with { Version = "policy-2027-01" });

        Assert.Equal("policy-2027-01", outcome.Breach!.PolicyVersion);
    }

    [Fact]
    public void BreachId_DueWithOffset_WrittenInUtc()
    {
        var breach = new SlaBreach(LeadId, DeadlineKind.FollowUps, new DateTimeOffset(2026, 11, 27, 18, 0, 5, TimeSpan.FromHours(1)), Monday, Monday, null, FunnelStage.SalesAccepted, 1, 3, "v");

        Assert.Equal("lead-0001_follow_ups_20261127T170005Z", breach.BreachId);
    }

    // ---- follow_ups ----

    [Theory]
    [InlineData(0)]
    [InlineData(2)]   // one short of the 3 required
    public void Apply_FollowUpsDueTooFew_BreachStageUnchanged(int made)
    {
        var lead = InSales(FunnelStage.SalesAccepted) with { FirstResponseAt = Monday.AddMinutes(30), FollowUpCount = made };
        var now = _followUpsDue.AddMinutes(1);

        var outcome = Apply(lead, Deadline(DeadlineKind.FollowUps, _followUpsDue), now);

        Assert.Empty(outcome.Changes);
        Assert.Equal(
            new SlaBreach(LeadId, DeadlineKind.FollowUps, _followUpsDue, now, Monday, "sam@acme.com", FunnelStage.SalesAccepted, made, 3, "policy-default-1"),
            outcome.Breach);
        Assert.Equal("lead-0001_follow_ups_20261127T170000Z", outcome.Breach!.BreachId);
        Assert.Equal(now, outcome.Lead.FollowUpBreachedAt);
        Assert.Equal(FunnelStage.SalesAccepted, outcome.Lead.Stage);
        Assert.Empty(LeadDeadlines.Of(outcome.Lead));
    }

    [Theory]
    [InlineData(FunnelStage.MarketingQualified)]   // handed over, never accepted
    [InlineData(FunnelStage.SalesAccepted)]
    public void Apply_FollowUpsAllMadeNeverConnected_MovedToExhaustedStage(FunnelStage stage)
    {
        var lead = InSales(stage) with { FirstResponseAt = Monday.AddMinutes(30), FollowUpCount = 3 };

        var outcome = Apply(lead, Deadline(DeadlineKind.FollowUps, _followUpsDue), now: _followUpsDue.AddMinutes(2));

        Assert.Null(outcome.Breach);
        Assert.Equal(
            [new StageChange(stage, FunnelStage.Nurture, _followUpsDue, "follow_ups_exhausted: 3 follow-up(s) without reaching the lead", 50, "fixed-v1", StageChange.PipelineActor)
            {
                Rule = "follow_ups_exhausted",
                PolicyVersion = "policy-default-1",
                FromEnteredAt = Monday,
            }],
            outcome.Changes);
        var nurtured = outcome.Lead;
        Assert.Equal(FunnelStage.Nurture, nurtured.Stage);
        Assert.Equal(outcome.Changes[0].Reason, nurtured.StageReason);
        Assert.Null(nurtured.HandedOffAt);
        Assert.Null(nurtured.NextFollowUpDueAt);
        Assert.Empty(LeadDeadlines.Of(nurtured));
    }

    [Fact]
    public void Apply_FollowUpsExhaustedPolicyDisqualifies_DisqualifiedWithPolicysReason()
    {
        var policy = _default with { Sla = _default.Sla with { ExhaustedMoveTo = FunnelStage.Disqualified, ExhaustedReason = "unreachable" } };
        var lead = InSales(FunnelStage.SalesAccepted) with { FollowUpCount = 4 };

        var outcome = Apply(lead, Deadline(DeadlineKind.FollowUps, _followUpsDue), now: _followUpsDue, policy: policy);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.Disqualified, "unreachable", "unreachable: 4 follow-up(s) without reaching the lead"), (change.To, change.Rule, change.Reason));
    }

    [Fact]
    public void Apply_FollowUpsExhaustedAfterLaterStageEntry_MoveNotBeforeStageEntry()
    {
        var accepted = _followUpsDue.AddHours(16);   // Saturday 09:00: accepted after the follow-up window closed
        var lead = InSales(FunnelStage.SalesAccepted) with { StageEnteredAt = accepted, FollowUpCount = 3 };

        var change = Assert.Single(Apply(lead, Deadline(DeadlineKind.FollowUps, _followUpsDue), now: accepted.AddMinutes(1)).Changes);

        Assert.True(change.At >= accepted, $"change at {change.At:O} is before the lead entered SAL at {accepted:O}");
    }

    [Theory]
    [InlineData(FunnelStage.SalesQualified)]   // sales moved it on: theirs, whatever the follow-ups
    [InlineData(FunnelStage.Opportunity)]
    public void Apply_FollowUpsAllMadeFromLaterStage_JustCleared(FunnelStage stage)
    {
        var lead = InSales(stage) with { FirstResponseAt = Monday.AddMinutes(30), FollowUpCount = 3 };

        var outcome = Apply(lead, Deadline(DeadlineKind.FollowUps, _followUpsDue), now: _followUpsDue);

        Assert.False(outcome.IsStale);
        Assert.Empty(outcome.Changes);
        Assert.Null(outcome.Breach);
        Assert.Equal(stage, outcome.Lead.Stage);
        Assert.Null(outcome.Lead.NextFollowUpDueAt);
        Assert.Equal(Monday, outcome.Lead.HandedOffAt);
        Assert.Empty(LeadDeadlines.Of(outcome.Lead));
    }

    // ---- recycle ----

    [Fact]
    public void Apply_RecycleDue_LostBackToNurture()
    {
        var lostAt = Monday.AddDays(3);   // Thursday 2026-11-26
        var recycleDue = lostAt.AddDays(90);
        var lost = InSales(FunnelStage.Lost) with
        {
            StageEnteredAt = lostAt,
            FirstResponseAt = Monday.AddMinutes(30),
            NextFollowUpDueAt = null,
            Outcome = "lost",
            OutcomeAt = lostAt,
            RecycleDueAt = recycleDue,
        };

        var outcome = Apply(lost, Deadline(DeadlineKind.Recycle, recycleDue), now: recycleDue.AddHours(1));

        var change = Assert.Single(outcome.Changes);
        Assert.Equal(
            (FunnelStage.Lost, FunnelStage.Nurture, recycleDue, "recycled: lost on 2026-11-26, back to nurture", "recycle_lost", StageChange.PipelineActor),
            (change.From!.Value, change.To, change.At, change.Reason, change.Rule, change.Actor));
        Assert.Equal(FunnelStage.Nurture, outcome.Lead.Stage);
        Assert.Null(outcome.Lead.RecycleDueAt);
        Assert.Null(outcome.Lead.HandedOffAt);
        Assert.True(outcome.Lead.IsOwnedByMarketing);
        Assert.Empty(LeadDeadlines.Of(outcome.Lead));
    }

    // ---- arguments and codes ----

    [Fact]
    public void Apply_NullArguments_Throw()
    {
        var deadline = Deadline(DeadlineKind.FirstResponse, _responseDue);
        Assert.Throws<ArgumentNullException>(() => LeadDeadlines.Apply(null!, deadline, [], _default, Monday));
        Assert.Throws<ArgumentNullException>(() => LeadDeadlines.Apply(InSales(FunnelStage.SalesAccepted), null!, [], _default, Monday));
        Assert.Throws<ArgumentNullException>(() => LeadDeadlines.Apply(InSales(FunnelStage.SalesAccepted), deadline, [], null!, Monday));
        Assert.Throws<ArgumentNullException>(() => LeadDeadlines.Of(null!));
    }

    [Theory]
    [InlineData(DeadlineKind.Handoff, "handoff")]
    [InlineData(DeadlineKind.FirstResponse, "first_response")]
    [InlineData(DeadlineKind.FollowUps, "follow_ups")]
    [InlineData(DeadlineKind.Recycle, "recycle")]
    public void DeadlineKindCodes_RoundTrip(DeadlineKind kind, string code)
    {
        Assert.Equal(code, DeadlineKindCodes.ToCode(kind));
        Assert.Equal(kind, DeadlineKindCodes.Parse(code));
    }

    [Fact]
    public void DeadlineKindCodes_Unknown_FormatExceptionListsCodes()
    {
        var e = Assert.Throws<FormatException>(() => DeadlineKindCodes.Parse("FirstResponse"));

        Assert.Contains("handoff, first_response, follow_ups, recycle", e.Message, StringComparison.Ordinal);
    }
}
