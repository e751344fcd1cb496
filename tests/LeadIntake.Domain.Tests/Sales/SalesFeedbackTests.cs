using System.Globalization;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Sales;
using LeadIntake.Domain.Sla;
using static LeadIntake.Domain.Tests.PolicyLeads;

namespace LeadIntake.Domain.Tests.Sales;

public class SalesFeedbackTests
{
    private const string Rep = "sam@acme.com";

    // policy-default-1: rejected → Nurture, lost → Nurture after 90 d; SLA Mon–Fri 09:00–17:00 UTC, follow-ups ≥ 4 h apart.
    private static readonly QualificationPolicy _default = QualificationPolicy.Default;

    // Handed over Monday 09:00: first response due 10:00, three follow-ups due Friday 17:00 (5 working days of 8 h).
    private static readonly DateTimeOffset _responseDue = Monday.AddHours(1);
    private static readonly DateTimeOffset _followUpsDue = new(2026, 11, 27, 17, 0, 0, TimeSpan.Zero);

    private static Lead InSales(FunnelStage stage) => HandedOff(stage, Monday, _responseDue, _followUpsDue, owner: Rep);

    private static SalesEvent Event(SalesEventType type, DateTimeOffset at, string? reason = null, decimal? amount = null, string id = "e1") =>
        new(id, type, Rep, at, reason, amount, Note: null);

    private static SalesFeedbackOutcome Apply(Lead lead, SalesEvent salesEvent, QualificationPolicy? policy = null) =>
        SalesFeedback.Apply(lead, salesEvent, policy ?? _default);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // ---- each event type's move and fields ----

    [Fact]
    public void Apply_AcceptedOnHandedOffMql_SalWithChangeByTheRep()
    {
        var at = Monday.AddMinutes(30);

        var outcome = Apply(InSales(FunnelStage.MarketingQualified), Event(SalesEventType.Accepted, at));

        Assert.False(outcome.AlreadyApplied);
        Assert.Equal(
            [new StageChange(FunnelStage.MarketingQualified, FunnelStage.SalesAccepted, at, $"accepted by {Rep}", 50, "fixed-v1", Rep, 0)
            {
                PolicyVersion = "policy-default-1",
                Reached = [FunnelStage.SalesAccepted],
                FromEnteredAt = Monday,
            }],
            outcome.Changes);
        var lead = outcome.Lead;
        Assert.Equal((FunnelStage.SalesAccepted, at, $"accepted by {Rep}"), (lead.Stage, lead.StageEnteredAt, lead.StageReason));
        Assert.Equal((Monday, _responseDue, _followUpsDue), (lead.HandedOffAt, lead.ResponseDueAt, lead.NextFollowUpDueAt));   // the SLA clock runs on
        Assert.Equal(["e1"], lead.RecentSalesEventIds);
    }

    [Theory]
    [InlineData(FunnelStage.MarketingQualified)]   // rejected before accepting
    [InlineData(FunnelStage.SalesAccepted)]
    [InlineData(FunnelStage.SalesQualified)]
    public void Apply_Rejected_ToPolicysRecycleStageWithReasonSalesCycleEnded(FunnelStage stage)
    {
        var outcome = Apply(InSales(stage) with { FollowUpCount = 1, FirstResponseAt = Monday.AddMinutes(10) }, Event(SalesEventType.Rejected, Monday.AddHours(2), reason: "no_budget"));

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((stage, FunnelStage.Nurture, "rejected by sales: no_budget", Rep), (change.From!.Value, change.To, change.Reason, change.Actor));
        var lead = outcome.Lead;
        Assert.Equal(FunnelStage.Nurture, lead.Stage);
        Assert.Equal("rejected by sales: no_budget", lead.StageReason);
        Assert.Null(lead.HandedOffAt);
        Assert.Null(lead.ResponseDueAt);
        Assert.Null(lead.FirstResponseAt);
        Assert.Null(lead.NextFollowUpDueAt);
        Assert.Equal(0, lead.FollowUpCount);
        Assert.Empty(LeadDeadlines.Of(lead));
        Assert.True(lead.IsOwnedByMarketing);
    }

    [Fact]
    public void Apply_RejectedSalPolicyRecyclesToMql_BackToMarketingAsMql()
    {
        var policy = _default with { Recycle = _default.Recycle with { RejectedMoveTo = FunnelStage.MarketingQualified } };

        var outcome = Apply(InSales(FunnelStage.SalesAccepted), Event(SalesEventType.Rejected, Monday.AddHours(2), reason: "bad_timing"), policy);

        Assert.Equal((FunnelStage.SalesAccepted, FunnelStage.MarketingQualified), (Assert.Single(outcome.Changes).From!.Value, outcome.Lead.Stage));
        Assert.Null(outcome.Lead.HandedOffAt);
        Assert.True(outcome.Lead.IsOwnedByMarketing);
    }

    [Fact]
    public void Apply_RejectedHandedOffMqlPolicyRecyclesToMql_StaysMqlBackWithMarketing()
    {
        var policy = _default with { Recycle = _default.Recycle with { RejectedMoveTo = FunnelStage.MarketingQualified } };

        var outcome = Apply(InSales(FunnelStage.MarketingQualified), Event(SalesEventType.Rejected, Monday.AddHours(2), reason: "bad_timing"), policy);

        Assert.Equal(FunnelStage.MarketingQualified, outcome.Lead.Stage);
        Assert.Null(outcome.Lead.HandedOffAt);
        Assert.True(outcome.Lead.IsOwnedByMarketing);
    }

    [Theory]
    [InlineData(FunnelStage.SalesAccepted)]
    [InlineData(FunnelStage.MarketingQualified)]   // MQL → SQL directly is in the funnel
    public void Apply_Qualified_Sql(FunnelStage stage)
    {
        var outcome = Apply(InSales(stage), Event(SalesEventType.Qualified, Monday.AddDays(1)));

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((stage, FunnelStage.SalesQualified, $"qualified by {Rep}"), (change.From!.Value, change.To, change.Reason));
        Assert.Equal(Monday, outcome.Lead.HandedOffAt);   // still the same sales cycle
    }

    [Theory]
    [InlineData(FunnelStage.MarketingQualified)]
    [InlineData(FunnelStage.SalesAccepted)]
    [InlineData(FunnelStage.SalesQualified)]
    public void Apply_Disqualified_WithReasonSalesCycleEnded(FunnelStage stage)
    {
        var outcome = Apply(InSales(stage), Event(SalesEventType.Disqualified, Monday.AddDays(1), reason: "wrong_fit"));

        Assert.Equal("disqualified by sales: wrong_fit", Assert.Single(outcome.Changes).Reason);
        Assert.Equal(FunnelStage.Disqualified, outcome.Lead.Stage);
        Assert.Null(outcome.Lead.HandedOffAt);
        Assert.Empty(LeadDeadlines.Of(outcome.Lead));
    }

    [Theory]
    [InlineData("12000", "opportunity of 12000 opened by sam@acme.com", "12000")]
    [InlineData("12000.50", "opportunity of 12000.5 opened by sam@acme.com", "12000.5")]   // "0.##", invariant
    [InlineData(null, "opportunity opened by sam@acme.com", null)]                          // no amount: none invented
    public void Apply_OpportunityCreated_OpportunityWithAmount(string? amount, string reason, string? storedAmount)
    {
        var outcome = Apply(InSales(FunnelStage.SalesQualified), Event(SalesEventType.OpportunityCreated, Monday.AddDays(2), amount: Amount(amount)));

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.SalesQualified, FunnelStage.Opportunity, reason), (change.From!.Value, change.To, change.Reason));
        Assert.Equal(Amount(storedAmount), outcome.Lead.Amount);
    }

    [Theory]
    [InlineData("15000", "won 15000", "15000")]
    [InlineData(null, "won", "12000")]   // no amount on the win: the opportunity's stays
    public void Apply_Won_OutcomeAndAmountFollowUpsEnded(string? amount, string reason, string storedAmount)
    {
        var opportunity = InSales(FunnelStage.Opportunity) with { Amount = 12_000m };
        var at = Monday.AddDays(3);

        var outcome = Apply(opportunity, Event(SalesEventType.Won, at, amount: Amount(amount)));

        Assert.Equal((FunnelStage.Opportunity, FunnelStage.Won, reason), (Assert.Single(outcome.Changes).From!.Value, outcome.Lead.Stage, outcome.Changes[0].Reason));
        Assert.Equal(("won", at, Amount(storedAmount)), (outcome.Lead.Outcome, outcome.Lead.OutcomeAt, outcome.Lead.Amount));
        Assert.Null(outcome.Lead.NextFollowUpDueAt);
    }

    [Fact]
    public void Apply_Lost_OutcomeAndRecycleDueAfterPolicyPeriod()
    {
        var at = Monday.AddDays(3);

        var outcome = Apply(InSales(FunnelStage.Opportunity), Event(SalesEventType.Lost, at, reason: "price"));

        Assert.Equal((FunnelStage.Opportunity, FunnelStage.Lost, "lost: price"), (Assert.Single(outcome.Changes).From!.Value, outcome.Lead.Stage, outcome.Changes[0].Reason));
        Assert.Equal(("lost", at), (outcome.Lead.Outcome, outcome.Lead.OutcomeAt));
        Assert.Equal(at.AddDays(90), outcome.Lead.RecycleDueAt);   // lostToNurtureAfter "90d" (calendar days)
        Assert.Null(outcome.Lead.NextFollowUpDueAt);
        Assert.Contains(new LeadDeadline(LeadId, DeadlineKind.Recycle, at.AddDays(90)), LeadDeadlines.Of(outcome.Lead));
    }

    [Fact]
    public void Apply_LostPolicyKeepsLost_NoRecycle()
    {
        var policy = _default with { Recycle = _default.Recycle with { LostToNurtureAfter = null } };

        var outcome = Apply(InSales(FunnelStage.Opportunity), Event(SalesEventType.Lost, Monday.AddDays(3), reason: "price"), policy);

        Assert.Equal(FunnelStage.Lost, outcome.Lead.Stage);
        Assert.Null(outcome.Lead.RecycleDueAt);
    }

    // ---- illegal moves ----

    // (stage, event) → the move the funnel refuses. Reason-needing types get one, so only the move can fail.
    [Theory]
    [InlineData(FunnelStage.Lead, SalesEventType.Accepted, FunnelStage.SalesAccepted)]            // never handed over as an MQL
    [InlineData(FunnelStage.SalesAccepted, SalesEventType.Accepted, FunnelStage.SalesAccepted)]   // accepting twice: a self-move
    [InlineData(FunnelStage.SalesQualified, SalesEventType.Accepted, FunnelStage.SalesAccepted)]
    [InlineData(FunnelStage.SalesAccepted, SalesEventType.OpportunityCreated, FunnelStage.Opportunity)]   // qualify first
    [InlineData(FunnelStage.Lead, SalesEventType.OpportunityCreated, FunnelStage.Opportunity)]
    [InlineData(FunnelStage.SalesQualified, SalesEventType.Won, FunnelStage.Won)]                 // no opportunity yet
    [InlineData(FunnelStage.SalesAccepted, SalesEventType.Won, FunnelStage.Won)]
    [InlineData(FunnelStage.SalesQualified, SalesEventType.Lost, FunnelStage.Lost)]
    [InlineData(FunnelStage.Opportunity, SalesEventType.Qualified, FunnelStage.SalesQualified)]
    [InlineData(FunnelStage.Opportunity, SalesEventType.Rejected, FunnelStage.Nurture)]           // an open deal is won or lost
    [InlineData(FunnelStage.Opportunity, SalesEventType.Disqualified, FunnelStage.Disqualified)]
    [InlineData(FunnelStage.Nurture, SalesEventType.Rejected, FunnelStage.Nurture)]
    [InlineData(FunnelStage.Disqualified, SalesEventType.Qualified, FunnelStage.SalesQualified)]
    [InlineData(FunnelStage.Lost, SalesEventType.Won, FunnelStage.Won)]
    [InlineData(FunnelStage.Won, SalesEventType.Accepted, FunnelStage.SalesAccepted)]             // Won is final: every move
    [InlineData(FunnelStage.Won, SalesEventType.Rejected, FunnelStage.Nurture)]
    [InlineData(FunnelStage.Won, SalesEventType.Qualified, FunnelStage.SalesQualified)]
    [InlineData(FunnelStage.Won, SalesEventType.Disqualified, FunnelStage.Disqualified)]
    [InlineData(FunnelStage.Won, SalesEventType.OpportunityCreated, FunnelStage.Opportunity)]
    [InlineData(FunnelStage.Won, SalesEventType.Won, FunnelStage.Won)]
    [InlineData(FunnelStage.Won, SalesEventType.Lost, FunnelStage.Lost)]
    public void Apply_MoveTheFunnelRefuses_ThrowsWithFromAndTo(FunnelStage stage, SalesEventType type, FunnelStage to)
    {
        var lead = InSales(stage);
        var reason = SalesEventTypeCodes.NeedsReason(type) ? "some_reason" : null;

        var e = Assert.Throws<FunnelTransitionException>(() => Apply(lead, Event(type, Monday.AddDays(1), reason: reason)));

        Assert.Equal(stage, e.From);
        Assert.Equal(to, e.To);
    }

    [Fact]
    public void Apply_IllegalMove_InputLeadUnchanged()
    {
        var lead = InSales(FunnelStage.Won) with { PolicyVersion = "policy-old" };
        var snapshot = lead with { };

        Assert.Throws<FunnelTransitionException>(() => Apply(lead, Event(SalesEventType.Accepted, Monday.AddDays(1))));

        Assert.Equal(snapshot, lead);
        Assert.Empty(lead.RecentSalesEventIds);   // the id is not remembered: nothing is to be written
    }

    // ---- replays and reasons ----

    [Fact]
    public void Apply_ReplayedId_AlreadyAppliedNothingChanges()
    {
        var once = Apply(InSales(FunnelStage.MarketingQualified), Event(SalesEventType.Accepted, Monday.AddMinutes(30)));

        var again = Apply(once.Lead, Event(SalesEventType.Accepted, Monday.AddMinutes(30)));
        var otherTypeSameId = Apply(once.Lead, Event(SalesEventType.Lost, Monday.AddHours(5)));   // no reason, illegal move: never looked at

        Assert.True(again.AlreadyApplied);
        Assert.Same(once.Lead, again.Lead);
        Assert.Empty(again.Changes);
        Assert.True(otherTypeSameId.AlreadyApplied);
        Assert.Same(once.Lead, otherTypeSameId.Lead);
    }

    [Theory]
    [InlineData(SalesEventType.Rejected, null)]
    [InlineData(SalesEventType.Rejected, "")]
    [InlineData(SalesEventType.Disqualified, "   ")]
    [InlineData(SalesEventType.Lost, null)]
    public void Apply_ReasonMissing_Throws(SalesEventType type, string? reason)
    {
        var e = Assert.Throws<ArgumentException>(() => Apply(InSales(FunnelStage.Opportunity), Event(type, Monday.AddDays(1), reason: reason)));

        Assert.Equal("salesEvent", e.ParamName);
    }

    [Fact]
    public void Apply_ReasonWithSpaces_Trimmed()
    {
        var outcome = Apply(InSales(FunnelStage.SalesAccepted), Event(SalesEventType.Rejected, Monday.AddDays(1), reason: "  no_budget "));

        Assert.Equal("rejected by sales: no_budget", Assert.Single(outcome.Changes).Reason);
    }

    // ---- times ----

    [Fact]
    public void Apply_EventBeforeStageEntry_MoveRecordedJustAfterStageEntry()
    {
        // Accepted at 09:10 by the rep's clock, reported after the lead entered MQL at 09:30: history stays in order.
        var lead = InSales(FunnelStage.MarketingQualified) with { StageEnteredAt = Monday.AddMinutes(30) };

        var change = Assert.Single(Apply(lead, Event(SalesEventType.Accepted, Monday.AddMinutes(10))).Changes);

        Assert.Equal(Monday.AddMinutes(30).AddTicks(1), change.At);
    }

    [Fact]
    public void Apply_EventWithOffset_RecordedInUtc()
    {
        var at = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.FromHours(1));   // 10:00 UTC

        var outcome = Apply(InSales(FunnelStage.MarketingQualified), Event(SalesEventType.Accepted, at));

        Assert.Equal(TimeSpan.Zero, outcome.Changes[0].At.Offset);
        Assert.Equal(Monday.AddHours(1), outcome.Changes[0].At);
    }

    // ---- contacts: first response, follow-ups, connected ----

    [Theory]
    [InlineData(SalesEventType.ContactAttempt)]
    [InlineData(SalesEventType.Connected)]
    [InlineData(SalesEventType.MeetingBooked)]
    public void Apply_FirstContact_FirstResponseAndFirstFollowUpNoMove(SalesEventType type)
    {
        var at = Monday.AddMinutes(40);

        var outcome = Apply(InSales(FunnelStage.SalesAccepted), Event(type, at));

        Assert.Empty(outcome.Changes);
        var lead = outcome.Lead;
        Assert.Equal(FunnelStage.SalesAccepted, lead.Stage);
        Assert.Equal((at, 1, at, at), (lead.FirstResponseAt, lead.FollowUpCount, lead.LastFollowUpAt, lead.LastContactAt));
        Assert.Equal("policy-default-1", lead.PolicyVersion);
        Assert.DoesNotContain(LeadDeadlines.Of(lead), d => d.Kind == DeadlineKind.FirstResponse);   // answered in time
    }

    // A counted follow-up at `previous`; another attempt at `next`. minSpacing "4h" is business time (Mon–Fri 09–17 UTC).
    [Theory]
    [InlineData("2026-11-23T16:00Z", "2026-11-23T19:00Z", 1)]   // 3 h later on the wall, 1 h of business time
    [InlineData("2026-11-23T16:00Z", "2026-11-24T10:00Z", 1)]   // 18 h later across the night: 1 h + 1 h = 2 h
    [InlineData("2026-11-23T16:00Z", "2026-11-24T11:59Z", 1)]   // 1 h + 2 h 59 min: a minute short
    [InlineData("2026-11-23T16:00Z", "2026-11-24T12:00Z", 2)]   // 1 h + 3 h = 4 h: counts
    [InlineData("2026-11-27T15:00Z", "2026-11-30T11:00Z", 2)]   // Friday 15:00 → Monday 11:00: 2 h + 2 h across the weekend
    [InlineData("2026-11-23T10:00Z", "2026-11-23T14:00Z", 2)]   // within one working day: 4 h
    public void Apply_FollowUpSpacing_MeasuredInBusinessTime(string previous, string next, int count)
    {
        var lead = InSales(FunnelStage.SalesAccepted) with { FirstResponseAt = Utc(previous), FollowUpCount = 1, LastFollowUpAt = Utc(previous), LastContactAt = Utc(previous) };

        var outcome = Apply(lead, Event(SalesEventType.ContactAttempt, Utc(next)));

        Assert.Equal(count, outcome.Lead.FollowUpCount);
        Assert.Equal(count == 2 ? Utc(next) : Utc(previous), outcome.Lead.LastFollowUpAt);   // spacing runs from the last counted one
        Assert.Equal(Utc(next), outcome.Lead.LastContactAt);                                 // every attempt is a contact
        Assert.Equal(Utc(previous), outcome.Lead.FirstResponseAt);
    }

    [Theory]
    [InlineData("2026-11-30T08:59Z", 1)]   // Monday 09:59 Berlin: Friday 16–17 (1 h) + 09:00–09:59 (59 min) < 2 h
    [InlineData("2026-11-30T09:00Z", 2)]   // Monday 10:00 Berlin: 1 h + 1 h = 2 h, though 66 h on the wall
    public void Apply_FollowUpSpacingInTheTeamsTimeZone_CrossesTheWeekend(string next, int count)
    {
        // A policy whose team works 09:00–17:00 in Berlin (CET, UTC+1 in November) with follow-ups ≥ 2 h apart.
        var json = QualificationPolicy.DefaultJson
            .Replace("\"timeZone\": \"UTC\"", "\"timeZone\": \"Europe/Berlin\"", StringComparison.Ordinal)
            .Replace("\"minSpacing\": \"4h\"", "\"minSpacing\": \"2h\"", StringComparison.Ordinal);
        var policy = QualificationPolicy.Parse(json);
        Assert.Equal(("Europe/Berlin", TimeSpan.FromHours(2)), (policy.Sla.Hours.TimeZone.Id, policy.Sla.MinFollowUpSpacing));
        var previous = Utc("2026-11-27T15:00Z");   // Friday 16:00 in Berlin
        var lead = InSales(FunnelStage.SalesAccepted) with { FirstResponseAt = previous, FollowUpCount = 1, LastFollowUpAt = previous };

        Assert.Equal(count, Apply(lead, Event(SalesEventType.ContactAttempt, Utc(next)), policy).Lead.FollowUpCount);
    }

    [Fact]
    public void Apply_NoSpacingRequired_EveryAttemptCounts()
    {
        var policy = _default with { Sla = _default.Sla with { MinFollowUpSpacing = TimeSpan.Zero } };
        var lead = InSales(FunnelStage.SalesAccepted);

        for (var i = 0; i < 3; i++)
            lead = Apply(lead, Event(SalesEventType.ContactAttempt, Monday.AddMinutes(10 + i), id: $"c{i}"), policy).Lead;

        Assert.Equal(3, lead.FollowUpCount);
    }

    [Theory]
    [InlineData(SalesEventType.Connected)]
    [InlineData(SalesEventType.MeetingBooked)]
    public void Apply_Connected_EndsTheFollowUpObligation(SalesEventType type)
    {
        var attempted = InSales(FunnelStage.SalesAccepted) with { FirstResponseAt = Monday.AddMinutes(10), FollowUpCount = 1, LastFollowUpAt = Monday.AddMinutes(10) };
        var at = Monday.AddHours(2);

        var lead = Apply(attempted, Event(type, at)).Lead;

        Assert.Equal(at, lead.ConnectedAt);
        Assert.Null(lead.NextFollowUpDueAt);
        Assert.Equal(1, lead.FollowUpCount);   // 1 h 50 min after the last counted one: < 4 h, not a follow-up
        Assert.DoesNotContain(LeadDeadlines.Of(lead), d => d.Kind == DeadlineKind.FollowUps);
    }

    [Fact]
    public void Apply_ConnectedAgain_FirstConnectionKept()
    {
        var lead = Apply(InSales(FunnelStage.SalesAccepted), Event(SalesEventType.Connected, Monday.AddHours(1), id: "c1")).Lead;

        lead = Apply(lead, Event(SalesEventType.MeetingBooked, Monday.AddDays(1), id: "c2")).Lead;

        Assert.Equal(Monday.AddHours(1), lead.ConnectedAt);
        Assert.Equal(Monday.AddDays(1), lead.LastContactAt);
    }

    [Fact]
    public void Apply_OlderContactReportedLate_FirstResponseMovesEarlierLastContactStays()
    {
        var lead = Apply(InSales(FunnelStage.SalesAccepted), Event(SalesEventType.ContactAttempt, Monday.AddHours(3), id: "c1")).Lead;

        lead = Apply(lead, Event(SalesEventType.ContactAttempt, Monday.AddMinutes(20), id: "c0")).Lead;

        Assert.Equal(Monday.AddMinutes(20), lead.FirstResponseAt);
        Assert.Equal(Monday.AddHours(3), lead.LastContactAt);
    }

    // ---- remembered ids ----

    [Fact]
    public void Apply_ManyEvents_RecentIdsCappedAt50()
    {
        var lead = InSales(FunnelStage.SalesAccepted);
        for (var i = 0; i <= 50; i++)
            lead = Apply(lead, Event(SalesEventType.ContactAttempt, Monday.AddMinutes(i), id: $"e{i}")).Lead;

        // 51 events, Lead.MaxRecentSubmissionIds = 50: the oldest id (e0) is forgotten, oldest first.
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"e{i}"), lead.RecentSalesEventIds);
        Assert.True(Apply(lead, Event(SalesEventType.ContactAttempt, Monday, id: "e1")).AlreadyApplied);
        Assert.False(Apply(lead, Event(SalesEventType.ContactAttempt, Monday, id: "e0")).AlreadyApplied);
    }

    [Fact]
    public void Apply_NullArguments_Throw()
    {
        var e = Event(SalesEventType.Accepted, Monday);
        Assert.Throws<ArgumentNullException>(() => SalesFeedback.Apply(null!, e, _default));
        Assert.Throws<ArgumentNullException>(() => SalesFeedback.Apply(InSales(FunnelStage.MarketingQualified), null!, _default));
        Assert.Throws<ArgumentNullException>(() => SalesFeedback.Apply(InSales(FunnelStage.MarketingQualified), e, null!));
    }

    [Theory]
    [InlineData("accepted", SalesEventType.Accepted)]
    [InlineData("contact_attempt", SalesEventType.ContactAttempt)]
    [InlineData("meeting_booked", SalesEventType.MeetingBooked)]
    [InlineData("opportunity_created", SalesEventType.OpportunityCreated)]
    public void SalesEventTypeCodes_RoundTrip(string code, SalesEventType type)
    {
        Assert.Equal(code, SalesEventTypeCodes.ToCode(type));
        Assert.True(SalesEventTypeCodes.TryParse(code, out var parsed));
        Assert.Equal(type, parsed);
        Assert.False(SalesEventTypeCodes.TryParse(code.ToUpperInvariant(), out _));   // exact codes only
    }

    private static decimal? Amount(string? text) => text is null ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
}
