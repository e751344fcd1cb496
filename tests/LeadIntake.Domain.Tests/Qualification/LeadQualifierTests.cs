using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Qualification;
using LeadIntake.Domain.Sla;
using static LeadIntake.Domain.Tests.PolicyLeads;

namespace LeadIntake.Domain.Tests.Qualification;

public class LeadQualifierTests
{
    // policy-default-1: MQL "fit-and-engaged" (fit ≥ 40, engagement ≥ 20); fast track "asked-for-contact", "asked-for-demo"
    // (30 d), "pricing-interest-good-fit" (14 d, grade A/B); disqualify competitor, student, unsubscribed, invalid_email;
    // nurture 24 h; hand-off as SAL, no routing; SLA Mon–Fri 09:00–17:00 UTC, first response 1 h, 3 follow-ups within 5 d.
    private static readonly QualificationPolicy _default = QualificationPolicy.Default;

    // Monday 2026-11-23 16:30 UTC: half an hour before the end of a working day, so SLA deadlines cross a night.
    private static readonly DateTimeOffset _lateMonday = Monday.AddHours(7.5);

    private static QualificationOutcome Evaluate(
        Lead lead, IReadOnlyList<LeadActivity>? activities = null, QualificationPolicy? policy = null, DateTimeOffset? at = null, DateTimeOffset? now = null) =>
        LeadQualifier.Evaluate(lead, activities ?? [], policy ?? _default, at ?? Monday, now ?? at ?? Monday);

    /// <summary>The default policy with <paramref name="rule"/> as its only MQL rule and no fast track.</summary>
    private static QualificationPolicy OnlyMqlRule(QualificationRule rule) =>
        _default with { MarketingQualified = [rule], SalesQualifiedFastTrack = [] };

    private static bool BecomesMql(Lead lead, QualificationRule rule, IReadOnlyList<LeadActivity>? activities = null) =>
        Evaluate(lead, activities, OnlyMqlRule(rule)).Lead.Stage == FunnelStage.MarketingQualified;

    // ---- each rule kind fires ----

    [Theory]
    [InlineData(39, false)]
    [InlineData(40, true)]    // "at least": the boundary qualifies
    [InlineData(100, true)]
    public void Evaluate_FitAtLeast_FiresFromTheBoundary(int score, bool fires)
    {
        Assert.Equal(fires, BecomesMql(Lead(score: score), new QualificationRule("fit") { FitAtLeast = 40 }));
    }

    [Theory]
    [InlineData("A", true)]
    [InlineData("B", true)]
    [InlineData("C", false)]
    [InlineData(null, false)]   // never scored: no grade is in any set
    public void Evaluate_GradeIn_FiresForListedGrades(string? grade, bool fires)
    {
        Assert.Equal(fires, BecomesMql(Lead(grade: grade), new QualificationRule("grade") { GradeIn = new HashSet<string> { "A", "B" } }));
    }

    // Engagement ≥ 20 from events at the evaluation time (no decay), with the default points and caps.
    [Theory]
    [InlineData("form_submission", 1, true)]    // 20
    [InlineData("email_open", 3, false)]        // 3 × 5 = 15
    [InlineData("email_open", 10, false)]       // capped at 3 per 7 d: still 15
    [InlineData("link_click", 3, true)]         // 3 × 8 = 24
    public void Evaluate_EngagementAtLeast_FiresOnDecayedCappedPoints(string type, int count, bool fires)
    {
        var rule = new QualificationRule("engaged") { EngagementAtLeast = 20 };

        Assert.Equal(fires, BecomesMql(Lead(), rule, Events(type, Monday, count)));
    }

    [Theory]
    [InlineData("ana@gmail.com", EmailClass.FreeMail, "free_mail", true)]
    [InlineData("info@acme.com", EmailClass.Role, "role_address", true)]
    [InlineData("ana@acme.com", EmailClass.Corporate, "corporate_email", true)]
    [InlineData("ana@mailinator.com", EmailClass.Disposable, "disposable_email", true)]
    [InlineData("ana@acme.com", EmailClass.Corporate, "free_mail", false)]
    public void Evaluate_SignalsAny_FiresOnTheEmailClassSignal(string email, EmailClass emailClass, string signalCode, bool fires)
    {
        Assert.True(LeadSignalCodes.TryParse(signalCode, out var signal));
        var rule = new QualificationRule("signal") { SignalsAny = new HashSet<LeadSignal> { signal } };

        Assert.Equal(fires, BecomesMql(Lead(email: email, emailClass: emailClass), rule));
    }

    [Fact]
    public void Evaluate_SignalsAny_AnyOfTheListedSignals()
    {
        var rule = new QualificationRule("consent-or-contact") { SignalsAny = new HashSet<LeadSignal> { LeadSignal.ConsentMarketing, LeadSignal.ContactRequested } };

        Assert.True(BecomesMql(Lead() with { ConsentMarketing = true }, rule));
        Assert.True(BecomesMql(Lead() with { ContactRequested = true }, rule));
        Assert.False(BecomesMql(Lead(), rule));
    }

    // eventsWithin 14 d, evaluated at Monday 09:00: the window is (now − 14 d, now], plus events dated later.
    [Theory]
    [InlineData(-14 * 86_400, "pricing_page_view", false)]        // exactly 14 d ago: outside (the far end is exclusive)
    [InlineData(-14 * 86_400 + 1, "pricing_page_view", true)]     // one second inside
    [InlineData(0, "pricing_page_view", true)]
    [InlineData(3_600, "pricing_page_view", true)]                // dated an hour ahead of the clock: still counts
    [InlineData(0, "comparison_page_view", false)]                // not a listed type
    public void Evaluate_EventsAnyWithin_WindowEdges(int secondsFromNow, string type, bool fires)
    {
        var rule = new QualificationRule("pricing") { EventsAny = new HashSet<string> { "pricing_page_view" }, EventsWithin = TimeSpan.FromDays(14) };

        Assert.Equal(fires, BecomesMql(Lead(), rule, [Event(type, Monday.AddSeconds(secondsFromNow))]));
    }

    [Theory]
    [InlineData("VP Sales", true)]     // job_seniority "vp"
    [InlineData("CEO", true)]          // "c_level"
    [InlineData("Engineer", false)]    // "individual"
    [InlineData(null, false)]          // "unknown"
    public void Evaluate_FeatureIn_FiresOnTheFormattedFeatureValue(string? jobTitle, bool fires)
    {
        var rule = new QualificationRule("decision-maker")
        {
            FeatureIn = new Dictionary<string, IReadOnlySet<string>> { ["job_seniority"] = new HashSet<string> { "c_level", "vp" } },
        };

        Assert.Equal(fires, BecomesMql(Lead() with { JobTitle = jobTitle }, rule));
    }

    [Fact]
    public void Evaluate_FeatureIn_NumericFeaturesAsTextAndEveryFeatureMustMatch()
    {
        // has_phone is 1 or 0, compared as its text "1"; country is null without one, and null matches no value.
        var rule = new QualificationRule("reachable-in-de")
        {
            FeatureIn = new Dictionary<string, IReadOnlySet<string>>
            {
                ["has_phone"] = new HashSet<string> { "1" },
                ["country"] = new HashSet<string> { "de" },
            },
        };

        Assert.True(BecomesMql(Lead() with { Phone = "+49 30 1234567", Country = "DE" }, rule));
        Assert.False(BecomesMql(Lead() with { Phone = "+49 30 1234567" }, rule));
        Assert.False(BecomesMql(Lead() with { Country = "DE" }, rule));
    }

    [Theory]
    [InlineData(50, "A", true)]
    [InlineData(50, "B", false)]   // fit holds, grade does not
    [InlineData(30, "A", false)]   // grade holds, fit does not
    public void Evaluate_RuleWithSeveralParts_EveryPartMustHold(int score, string grade, bool fires)
    {
        var rule = new QualificationRule("fit-and-a") { FitAtLeast = 40, GradeIn = new HashSet<string> { "A" } };

        Assert.Equal(fires, BecomesMql(Lead(score: score, grade: grade), rule));
    }

    // ---- first rule wins, its name and values are recorded ----

    [Fact]
    public void Evaluate_SeveralRulesHold_FirstWinsAndIsNamedOnTheChange()
    {
        var policy = _default with
        {
            MarketingQualified =
            [
                new QualificationRule("very-high-fit") { FitAtLeast = 90 },
                new QualificationRule("good-fit") { FitAtLeast = 40 },
                new QualificationRule("any-fit") { FitAtLeast = 10 },
            ],
        };

        var change = Assert.Single(Evaluate(Lead(score: 50), policy: policy).Changes);

        Assert.Equal("good-fit", change.Rule);
        Assert.Equal("MQL rule 'good-fit': fit 50 ≥ 40", change.Reason);
    }

    [Fact]
    public void Evaluate_ContactAndDemoBothHold_FirstFastTrackRuleWins()
    {
        var outcome = Evaluate(Lead() with { ContactRequested = true }, [Event("demo_request", Monday)]);

        Assert.Equal("asked-for-contact", Assert.Single(outcome.Changes).Rule);
    }

    [Fact]
    public void Evaluate_DefaultMqlRule_ReasonNamesFitAndEngagement()
    {
        // Engagement: webinar_attended 30 + email_open 5 = 35 at the evaluation time.
        var outcome = Evaluate(Lead(score: 55), [Event("webinar_attended", Monday), Event("email_open", Monday)]);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal("MQL rule 'fit-and-engaged': fit 55 ≥ 40, engagement 35 ≥ 20", change.Reason);
        Assert.Equal(change.Reason, outcome.Lead.StageReason);
        Assert.Equal(35, outcome.Lead.Engagement);
    }

    [Fact]
    public void Evaluate_PricingFastTrack_ReasonNamesGradeAndEventsSeen()
    {
        var outcome = Evaluate(Lead(score: 75, grade: "A"), [Event("pricing_page_view", Monday.AddDays(-2)), Event("comparison_page_view", Monday.AddDays(-1))]);

        Assert.Equal(
            "SQL fast track 'pricing-interest-good-fit': grade A in A/B, pricing_page_view and comparison_page_view in the last 14 days",
            Assert.Single(outcome.Changes).Reason);
    }

    [Fact]
    public void Evaluate_PricingViewWithGradeC_NotFastTracked()
    {
        // Interest without fit: grade C is not in A/B, so the pricing rule does not hold (the MQL rule does: fit 40, 15 + 10 = 25).
        var outcome = Evaluate(Lead(score: 40, grade: "C"), [Event("pricing_page_view", Monday), Event("comparison_page_view", Monday)]);

        Assert.Equal(FunnelStage.MarketingQualified, outcome.Lead.Stage);
        Assert.False(outcome.HandedOff);
    }

    [Fact]
    public void Evaluate_ReasonOfFeatureAndFractionalWindow_NamesValues()
    {
        var policy = OnlyMqlRule(new QualificationRule("recent-vp")
        {
            EventsAny = new HashSet<string> { "email_open" },
            EventsWithin = TimeSpan.FromHours(36),
            FeatureIn = new Dictionary<string, IReadOnlySet<string>> { ["job_seniority"] = new HashSet<string> { "vp" } },
        });

        var change = Assert.Single(Evaluate(Lead() with { JobTitle = "VP Marketing" }, [Event("email_open", Monday)], policy).Changes);

        Assert.Equal("MQL rule 'recent-vp': email_open in the last 1.5 days, job_seniority vp", change.Reason);
    }

    // ---- disqualification ----

    private static readonly QualificationPolicy _withCompetitor = _default with { CompetitorDomains = new HashSet<string> { "rival.com" } };

    [Theory]
    [InlineData("rival.com", null, true)]
    [InlineData("RIVAL.com", null, true)]          // the lead's domain is compared lower-cased
    [InlineData("acme.com", "rival.com", true)]    // the company's web domain counts too
    [InlineData("rival.co", null, false)]
    public void Evaluate_CompetitorDomain_Disqualified(string emailDomain, string? companyDomain, bool disqualified)
    {
        var lead = Lead(score: 90) with { EmailDomain = emailDomain, CompanyDomain = companyDomain ?? emailDomain, ContactRequested = true };

        var outcome = Evaluate(lead, policy: _withCompetitor);

        Assert.Equal(disqualified ? FunnelStage.Disqualified : FunnelStage.SalesQualified, outcome.Lead.Stage);
        if (disqualified)
        {
            var change = Assert.Single(outcome.Changes);
            Assert.Equal("disqualified: competitor (signal competitor_domain)", change.Reason);
            Assert.Equal("competitor", change.Rule);
        }
    }

    // studentDomainSuffixes of policy-default-1: .edu, .ac.uk, .edu.au, .ac.nz, .ac.jp, .ac.in, .edu.cn — whole labels.
    [Theory]
    [InlineData("mit.edu", true)]
    [InlineData("cs.mit.edu", true)]       // subdomains too
    [InlineData("ox.ac.uk", true)]
    [InlineData("unimelb.edu.au", true)]
    [InlineData("edu.acme.com", false)]    // "edu" as a leading label is not the suffix
    [InlineData("acmeedu.com", false)]
    [InlineData("credu", false)]           // ends with "edu" but not with the label ".edu"
    public void Evaluate_StudentDomain_SuffixOnWholeLabels(string domain, bool disqualified)
    {
        var outcome = Evaluate(Lead(score: 90, email: $"ana@{domain}"), [Event(EngagementPolicy.FormSubmission, Monday)]);

        Assert.Equal(disqualified ? FunnelStage.Disqualified : FunnelStage.MarketingQualified, outcome.Lead.Stage);
        if (disqualified)
            Assert.Equal("disqualified: student (signal student_domain)", Assert.Single(outcome.Changes).Reason);
    }

    [Fact]
    public void Evaluate_StudentSuffixWithoutDot_MatchesWholeLabel()
    {
        var policy = _default with { StudentDomainSuffixes = ["edu"] };

        Assert.Equal(FunnelStage.Disqualified, Evaluate(Lead(email: "ana@mit.edu"), policy: policy).Lead.Stage);
        Assert.Equal(FunnelStage.Lead, Evaluate(Lead(score: 10, email: "ana@credu"), policy: policy).Lead.Stage);
    }

    [Fact]
    public void Evaluate_DomainsFromPolicyFile_LowerCased()
    {
        var json = QualificationPolicy.DefaultJson
            .Replace("\"competitorDomains\": []", "\"competitorDomains\": [\"Rival.COM\"]", StringComparison.Ordinal)
            .Replace("\"studentDomainSuffixes\": [\".edu\",", "\"studentDomainSuffixes\": [\".EDU\",", StringComparison.Ordinal);
        Assert.NotEqual(QualificationPolicy.DefaultJson, json);
        var policy = QualificationPolicy.Parse(json);

        Assert.Equal("competitor", Assert.Single(Evaluate(Lead(email: "ana@rival.com"), policy: policy).Changes).Rule);
        Assert.Equal("student", Assert.Single(Evaluate(Lead(email: "ana@mit.edu"), policy: policy).Changes).Rule);
    }

    [Fact]
    public void Evaluate_UnsubscribeEvent_DisqualifiedAndRemembered()
    {
        var unsubscribedAt = Monday.AddHours(-3);

        var outcome = Evaluate(Lead(score: 90) with { ContactRequested = true }, [Event(LeadActivity.Unsubscribe, unsubscribedAt)]);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.Lead, FunnelStage.Disqualified), (change.From!.Value, change.To));
        Assert.Equal("disqualified: unsubscribed (signal unsubscribed)", change.Reason);
        Assert.Equal("unsubscribed", change.Rule);
        Assert.Equal(unsubscribedAt, outcome.Lead.UnsubscribedAt);
        Assert.False(outcome.HandedOff);   // disqualification is checked before the fast track
    }

    // An unsubscribe at Monday 06:00, and the lead's latest explicit consent answer (FieldUpdatedAt) minutes from it.
    [Theory]
    [InlineData(null, false, true)]    // never answered: unsubscribed
    [InlineData(60, true, false)]      // said yes again an hour later: re-consent, no longer unsubscribed
    [InlineData(-60, true, true)]      // the yes was before the unsubscribe
    [InlineData(0, true, true)]        // at the same instant: the consent must be later
    [InlineData(60, false, true)]      // the later answer was a no
    public void Evaluate_Unsubscribed_UnlessConsentGivenLater(int? consentMinutesAfter, bool consent, bool disqualified)
    {
        var unsubscribedAt = Monday.AddHours(-3);
        var lead = Lead(score: 90) with
        {
            ConsentMarketing = consent,
            FieldUpdatedAt = consentMinutesAfter is { } minutes
                ? new Dictionary<string, DateTimeOffset> { [LeadFieldNames.ConsentMarketing] = unsubscribedAt.AddMinutes(minutes) }
                : new Dictionary<string, DateTimeOffset>(),
        };

        var outcome = Evaluate(lead, [Event(LeadActivity.Unsubscribe, unsubscribedAt)]);

        // Not disqualified, the lead stays a Lead: the unsubscribe's −20 leaves no engagement for the MQL rule.
        Assert.Equal(disqualified ? FunnelStage.Disqualified : FunnelStage.Lead, outcome.Lead.Stage);
    }

    [Fact]
    public void Evaluate_StoredUnsubscribeWithoutEvents_StillDisqualified()
    {
        // The events are only the horizon's; the lead row remembers the unsubscribe for good.
        var outcome = Evaluate(Lead() with { UnsubscribedAt = Monday.AddDays(-400) });

        Assert.Equal(FunnelStage.Disqualified, outcome.Lead.Stage);
        Assert.Equal(Monday.AddDays(-400), outcome.Lead.UnsubscribedAt);
    }

    [Fact]
    public void Evaluate_LaterUnsubscribeEvent_ReplacesStoredTime()
    {
        var outcome = Evaluate(Lead() with { UnsubscribedAt = Monday.AddDays(-10) }, [Event(LeadActivity.Unsubscribe, Monday.AddDays(-1)), Event(LeadActivity.Unsubscribe, Monday.AddDays(-20))]);

        Assert.Equal(Monday.AddDays(-1), outcome.Lead.UnsubscribedAt);   // the latest of stored and events
    }

    [Fact]
    public void Evaluate_HardBounce_DisqualifiedAsInvalidEmailEvenAfterReConsent()
    {
        var bouncedAt = Monday.AddHours(-1);
        var lead = Lead() with
        {
            ConsentMarketing = true,
            FieldUpdatedAt = new Dictionary<string, DateTimeOffset> { [LeadFieldNames.ConsentMarketing] = Monday },
        };

        var outcome = Evaluate(lead, [Event(LeadActivity.HardBounce, bouncedAt)]);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal("disqualified: invalid_email (signal hard_bounced)", change.Reason);
        Assert.Equal("invalid_email", change.Rule);
        Assert.Equal(bouncedAt, outcome.Lead.HardBouncedAt);
    }

    [Fact]
    public void Evaluate_SeveralDisqualifyingSignals_FirstListedRuleWins()
    {
        // policy-default-1 lists student before unsubscribed and hard_bounced.
        var outcome = Evaluate(Lead(email: "ana@mit.edu"), [Event(LeadActivity.Unsubscribe, Monday), Event(LeadActivity.HardBounce, Monday)]);

        Assert.Equal("student", Assert.Single(outcome.Changes).Rule);
    }

    [Fact]
    public void Evaluate_PolicyWithoutDisqualifyRules_SignalsDoNotDisqualify()
    {
        var outcome = Evaluate(Lead(score: 10), [Event(LeadActivity.HardBounce, Monday)], _default with { Disqualify = [] });

        Assert.Empty(outcome.Changes);
        Assert.Equal(Monday, outcome.Lead.HardBouncedAt);   // the fact is still remembered
    }

    [Theory]
    [InlineData(FunnelStage.Lead)]
    [InlineData(FunnelStage.MarketingQualified)]   // an MQL waiting out its nurture period
    [InlineData(FunnelStage.Nurture)]
    public void Evaluate_DisqualifiedFromMarketingStage_SalesCycleEnded(FunnelStage stage)
    {
        var lead = Lead(stage) with { HandoffDueAt = Monday.AddHours(20) };

        var outcome = Evaluate(lead, [Event(LeadActivity.HardBounce, Monday)]);

        Assert.Equal((stage, FunnelStage.Disqualified), (Assert.Single(outcome.Changes).From!.Value, outcome.Lead.Stage));
        Assert.Null(outcome.Lead.HandoffDueAt);
        Assert.Empty(LeadDeadlines.Of(outcome.Lead));
    }

    // ---- a lead back in Nurture earns its MQL again ----

    [Fact]
    public void Evaluate_NurtureLeadWithOnlyOldEngagement_StaysNurture()
    {
        // Rejected back to Nurture on Monday; before that, 3 link clicks (24 points) that would satisfy "engagement ≥ 20".
        var lead = Lead(FunnelStage.Nurture, enteredAt: Monday);
        var before = Events("link_click", Monday.AddHours(-2), 3);

        var outcome = Evaluate(lead, [.. before, Event("email_open", Monday.AddHours(1))], at: Monday.AddHours(1));

        Assert.Equal(FunnelStage.Nurture, outcome.Lead.Stage);   // since nurture: one email open = 5 < 20
        Assert.Equal(29, outcome.Lead.Engagement);               // the column still shows all of it: 24 + 5 (2 h of a 30 d half-life rounds away)
    }

    [Fact]
    public void Evaluate_NurtureLeadReEngages_MqlNamingEngagementSinceNurture()
    {
        var lead = Lead(FunnelStage.Nurture, enteredAt: Monday);

        var outcome = Evaluate(lead, [.. Events("link_click", Monday.AddHours(1), 3)], at: Monday.AddHours(1));

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.Nurture, FunnelStage.MarketingQualified), (change.From!.Value, change.To));
        Assert.Equal("MQL rule 'fit-and-engaged': fit 50 ≥ 40, engagement since nurture 24 ≥ 20", change.Reason);
    }

    // ---- fast track: SQL and hand-off at once ----

    [Theory]
    [InlineData(FunnelStage.Lead)]
    [InlineData(FunnelStage.MarketingQualified)]
    [InlineData(FunnelStage.Nurture)]
    public void Evaluate_FastTrack_SqlAndHandedOffAtOnce(FunnelStage stage)
    {
        var lead = Lead(stage) with { ContactRequested = true, HandoffDueAt = stage == FunnelStage.MarketingQualified ? _lateMonday.AddHours(20) : null };

        var outcome = Evaluate(lead, at: _lateMonday);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((stage, FunnelStage.SalesQualified, _lateMonday), (change.From!.Value, change.To, change.At));
        Assert.Equal("asked-for-contact", change.Rule);
        Assert.True(outcome.HandedOff);
        var handed = outcome.Lead;
        Assert.Equal(_lateMonday, handed.HandedOffAt);
        Assert.Null(handed.HandoffDueAt);   // no nurture wait
        // First response "1h" of business time from Monday 16:30: 30 min on Monday, 30 min from Tuesday 09:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero), handed.ResponseDueAt);
        // Follow-ups "within 5d" = 5 × 8 h = 40 h: 0.5 h Monday, 32 h Tuesday–Friday, 7.5 h the next Monday: 16:30.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero), handed.NextFollowUpDueAt);
        Assert.False(handed.IsOwnedByMarketing);
    }

    [Fact]
    public void Evaluate_FastTrackEvenRouting_OwnerByLeadId()
    {
        var policy = _default with
        {
            Handoff = new HandoffPolicy(FunnelStage.SalesAccepted, new OwnerRouting(RoutingMode.Even, ["amy", "bob", "cy"], new Dictionary<string, string>(), null)),
        };

        var outcome = Evaluate(Lead() with { ContactRequested = true }, policy: policy);

        // lead-0001 → "cy" (see OwnerRouterTests: SHA-256 1887cd19…, 432,899,864 mod 3 = 2).
        Assert.Equal("cy", outcome.Lead.Owner);
    }

    [Theory]
    [InlineData("de", "berlin")]
    [InlineData("FR", "emea")]
    public void Evaluate_FastTrackByCountryRouting_OwnerByCountry(string country, string owner)
    {
        var policy = _default with
        {
            Handoff = new HandoffPolicy(
                FunnelStage.SalesAccepted, new OwnerRouting(RoutingMode.ByCountry, [], new Dictionary<string, string> { ["DE"] = "berlin" }, "emea")),
        };

        Assert.Equal(owner, Evaluate(Lead() with { ContactRequested = true, Country = country }, policy: policy).Lead.Owner);
    }

    [Fact]
    public void Evaluate_HandOffWithoutFollowUps_NoFollowUpDeadline()
    {
        var policy = _default with { Sla = _default.Sla with { FollowUps = 0 } };

        var outcome = Evaluate(Lead() with { ContactRequested = true }, policy: policy);

        Assert.NotNull(outcome.Lead.ResponseDueAt);
        Assert.Null(outcome.Lead.NextFollowUpDueAt);
    }

    // ---- MQL, nurture period, hand-off when due ----

    [Fact]
    public void Evaluate_NewMql_DueAfterNurturePeriodNotHandedOff()
    {
        var outcome = Evaluate(Lead(), [Event(EngagementPolicy.FormSubmission, Monday)]);

        Assert.Equal(FunnelStage.MarketingQualified, outcome.Lead.Stage);
        Assert.Equal(Monday.AddHours(24), outcome.Lead.HandoffDueAt);   // nurturePeriod "24h"
        Assert.False(outcome.HandedOff);
        Assert.Null(outcome.Lead.HandedOffAt);
        Assert.Null(outcome.Lead.ResponseDueAt);
        Assert.True(outcome.Lead.IsOwnedByMarketing);
    }

    // A waiting MQL due Tuesday 09:00, evaluated again a second before and at the due time.
    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    public void Evaluate_WaitingMql_HandedOffOnceNowReachesDue(int secondsFromDue, bool handedOff)
    {
        var due = Monday.AddHours(24);
        var mql = Lead(FunnelStage.MarketingQualified, enteredAt: Monday) with { HandoffDueAt = due };
        var now = due.AddSeconds(secondsFromDue);

        var outcome = Evaluate(mql, at: now, now: now);

        Assert.Empty(outcome.Changes);   // handoff.stage "SAL": the MQL stays an MQL, now sales development's
        Assert.Equal(handedOff, outcome.HandedOff);
        Assert.Equal(handedOff ? due : null, outcome.Lead.HandedOffAt);
        Assert.Equal(handedOff ? null : due, outcome.Lead.HandoffDueAt);
        // From Tuesday 09:00: first response 1 h → 10:00; 40 h of follow-ups Tuesday–Friday (32 h) + Monday (8 h) → Monday 17:00.
        Assert.Equal(handedOff ? new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero) : null, outcome.Lead.ResponseDueAt);
        Assert.Equal(handedOff ? new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero) : null, outcome.Lead.NextFollowUpDueAt);
    }

    [Fact]
    public void Evaluate_CauseAfterDue_HandedOffAtTheCause()
    {
        // Nurture ended Tuesday 09:00 but nothing looked at the lead until an event at 10:00: handed off then, never before
        // the cause, so the SLA clock runs from 10:00 (first response 11:00).
        var due = Monday.AddHours(24);
        var mql = Lead(FunnelStage.MarketingQualified, enteredAt: Monday) with { HandoffDueAt = due };

        var outcome = Evaluate(mql, [Event("email_open", due.AddHours(1))], at: due.AddHours(1), now: due.AddHours(1));

        Assert.True(outcome.HandedOff);
        Assert.Equal(due.AddHours(1), outcome.Lead.HandedOffAt);
        Assert.Equal(due.AddHours(2), outcome.Lead.ResponseDueAt);
    }

    [Fact]
    public void Evaluate_CauseBeforeDueProcessedAfter_HandedOffAtTheDueTime()
    {
        // An event at Monday 12:00 processed on Wednesday: the hand-off happened when the nurture period ended.
        var due = Monday.AddHours(24);
        var mql = Lead(FunnelStage.MarketingQualified, enteredAt: Monday) with { HandoffDueAt = due };

        var outcome = Evaluate(mql, [Event("email_open", Monday.AddHours(3))], at: Monday.AddHours(3), now: Monday.AddDays(2));

        Assert.True(outcome.HandedOff);
        Assert.Equal(due, outcome.Lead.HandedOffAt);
    }

    [Fact]
    public void Evaluate_MqlFromBeforeThePolicy_NurtureRunsFromStageEntry()
    {
        // An MQL stored without HandoffDueAt: due 24 h after it became an MQL (Monday 09:00 → Tuesday 09:00).
        var mql = Lead(FunnelStage.MarketingQualified, enteredAt: Monday);

        var waiting = Evaluate(mql, at: Monday.AddHours(1));
        var due = Evaluate(mql, at: Monday.AddHours(24));

        Assert.Equal(Monday.AddHours(24), waiting.Lead.HandoffDueAt);
        Assert.False(waiting.HandedOff);
        Assert.True(due.HandedOff);
        Assert.Equal(Monday.AddHours(24), due.Lead.HandedOffAt);
    }

    [Fact]
    public void Evaluate_NoNurturePeriod_MqlHandedOffImmediately()
    {
        var policy = _default with { NurturePeriod = TimeSpan.Zero };

        var outcome = Evaluate(Lead(), [Event(EngagementPolicy.FormSubmission, Monday)], policy);

        Assert.Equal(FunnelStage.MarketingQualified, Assert.Single(outcome.Changes).To);
        Assert.True(outcome.HandedOff);
        Assert.Equal(Monday, outcome.Lead.HandedOffAt);
        Assert.Equal(Monday.AddHours(1), outcome.Lead.ResponseDueAt);   // Monday 09:00 + 1 business hour
    }

    [Fact]
    public void Evaluate_HandoffAsSql_MqlMovedToSqlOnHandOff()
    {
        var policy = _default with { NurturePeriod = TimeSpan.Zero, Handoff = new HandoffPolicy(FunnelStage.SalesQualified, OwnerRouting.None) };

        var outcome = LeadQualifier.Evaluate(Lead(), [Event(EngagementPolicy.FormSubmission, Monday)], policy, Monday, Monday, firstSequence: 3);

        Assert.Equal(
            [(FunnelStage.Lead, FunnelStage.MarketingQualified, 3, "fit-and-engaged"), (FunnelStage.MarketingQualified, FunnelStage.SalesQualified, 4, "handoff")],
            outcome.Changes.Select(c => (c.From!.Value, c.To, c.Sequence, c.Rule)));
        Assert.Equal("handed to sales: the policy hands MQLs over as SQL", outcome.Changes[1].Reason);
        Assert.Equal(outcome.Changes[1].Reason, outcome.Lead.StageReason);
        Assert.True(outcome.HandedOff);
        Assert.Equal(FunnelStage.SalesQualified, outcome.Lead.Stage);
    }

    [Fact]
    public void Evaluate_HandoffAsSqlWhenDue_SingleMoveAtTheDueTime()
    {
        var policy = _default with { Handoff = new HandoffPolicy(FunnelStage.SalesQualified, OwnerRouting.None) };
        var due = Monday.AddHours(24);
        var mql = Lead(FunnelStage.MarketingQualified, enteredAt: Monday) with { HandoffDueAt = due };

        var outcome = Evaluate(mql, policy: policy, at: due, now: due);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal((FunnelStage.MarketingQualified, FunnelStage.SalesQualified, due), (change.From!.Value, change.To, change.At));
        Assert.Equal(due, outcome.Lead.HandedOffAt);
    }

    [Fact]
    public void Evaluate_HandoffAsSqlCauseBeforeDue_MoveRecordedAtHandOff()
    {
        var policy = _default with { Handoff = new HandoffPolicy(FunnelStage.SalesQualified, OwnerRouting.None) };
        var due = Monday.AddHours(24);
        var mql = Lead(FunnelStage.MarketingQualified, enteredAt: Monday) with { HandoffDueAt = due };

        var outcome = Evaluate(mql, [Event("email_open", Monday.AddHours(3))], policy, at: Monday.AddHours(3), now: Monday.AddDays(2));

        Assert.Equal(due, outcome.Lead.HandedOffAt);
        Assert.Equal(due, Assert.Single(outcome.Changes).At);
    }

    // ---- sales-owned leads, versions, purity, order ----

    [Theory]
    [InlineData(FunnelStage.SalesAccepted, false)]
    [InlineData(FunnelStage.SalesQualified, false)]
    [InlineData(FunnelStage.Opportunity, false)]
    [InlineData(FunnelStage.Won, false)]
    [InlineData(FunnelStage.Lost, false)]
    [InlineData(FunnelStage.Disqualified, false)]
    [InlineData(FunnelStage.MarketingQualified, true)]   // an MQL already handed over
    public void Evaluate_LeadNotOwnedByMarketing_NeverMovesButEngagementAndVersionRefreshed(FunnelStage stage, bool handedOff)
    {
        var policy = _default with { Version = "policy-test-7" };
        var lead = Lead(stage, score: 95, grade: "A") with
        {
            ContactRequested = true,
            HandedOffAt = handedOff ? Monday.AddHours(-5) : null,
            PolicyVersion = "policy-old",
        };

        var outcome = Evaluate(lead, [Event("demo_request", Monday), Event(LeadActivity.HardBounce, Monday)], policy, now: Monday.AddHours(1));

        Assert.Empty(outcome.Changes);
        Assert.False(outcome.HandedOff);
        Assert.Equal((stage, TestLeads.T0), (outcome.Lead.Stage, outcome.Lead.StageEnteredAt));
        Assert.Equal(-10, outcome.Lead.Engagement);   // demo_request 40 − hard_bounce 50, an hour old: −9.99 → −10
        Assert.Equal(Monday.AddHours(1), outcome.Lead.EngagementAt);
        Assert.Equal("policy-test-7", outcome.Lead.PolicyVersion);
        Assert.Equal(Monday, outcome.Lead.HardBouncedAt);
    }

    [Fact]
    public void Evaluate_AnyChange_CarriesPolicyVersionScoreModelAndPipelineActor()
    {
        var policy = _default with { Version = "policy-2026-12" };

        var outcome = Evaluate(Lead(score: 61), [Event(EngagementPolicy.FormSubmission, Monday)], policy);

        var change = Assert.Single(outcome.Changes);
        Assert.Equal(("policy-2026-12", 61, "fixed-v1", StageChange.PipelineActor), (change.PolicyVersion, change.Score, change.ScoringModel, change.Actor));
        Assert.Equal("policy-2026-12", outcome.Lead.PolicyVersion);
    }

    [Fact]
    public void Evaluate_InputLead_NeverModified()
    {
        var lead = Lead() with { ContactRequested = true };
        var snapshot = lead with { };

        var outcome = Evaluate(lead, [Event("demo_request", Monday)]);

        Assert.Equal(FunnelStage.SalesQualified, outcome.Lead.Stage);
        Assert.Equal(snapshot, lead);
        Assert.Equal(FunnelStage.Lead, lead.Stage);
        Assert.Null(lead.HandedOffAt);
        Assert.Equal(0, lead.Engagement);
    }

    [Fact]
    public void Evaluate_CauseBeforeStageEntry_ChangesJustAfterStageEnteredAt()
    {
        // The lead entered its stage at Monday 11:00; an older event (Monday 09:00) processed late qualifies it.
        var entered = Monday.AddHours(2);
        var lead = Lead(enteredAt: entered);

        var mql = Evaluate(lead, [Event(EngagementPolicy.FormSubmission, Monday)], at: Monday, now: entered);
        var sql = Evaluate(lead with { ContactRequested = true }, at: Monday, now: entered);

        Assert.Equal(entered.AddTicks(1), Assert.Single(mql.Changes).At);   // just after the entry: history sorts in move order
        Assert.Equal(entered.AddHours(24), mql.Lead.HandoffDueAt);   // nurture runs from the decision, at the entry
        Assert.Equal(entered.AddTicks(1), Assert.Single(sql.Changes).At);
        Assert.Equal(entered, sql.Lead.HandedOffAt);
    }

    [Fact]
    public void Evaluate_AtWithOffset_RecordedInUtc()
    {
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));   // Monday 09:00 UTC

        var change = Assert.Single(Evaluate(Lead() with { ContactRequested = true }, at: at, now: at).Changes);

        Assert.Equal(TimeSpan.Zero, change.At.Offset);
        Assert.Equal(Monday, change.At);
    }

    [Fact]
    public void Evaluate_NothingHolds_NoChangesLeadStaysLead()
    {
        var outcome = Evaluate(Lead(score: 39), [Event(EngagementPolicy.FormSubmission, Monday)]);

        Assert.Empty(outcome.Changes);
        Assert.False(outcome.HandedOff);
        Assert.Equal(FunnelStage.Lead, outcome.Lead.Stage);
        Assert.Equal(20, outcome.Lead.Engagement);
    }

    [Fact]
    public void Evaluate_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => LeadQualifier.Evaluate(null!, [], _default, Monday, Monday));
        Assert.Throws<ArgumentNullException>(() => LeadQualifier.Evaluate(Lead(), null!, _default, Monday, Monday));
        Assert.Throws<ArgumentNullException>(() => LeadQualifier.Evaluate(Lead(), [], null!, Monday, Monday));
    }
}
