using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Qualification;
using static LeadIntake.Domain.Tests.PolicyLeads;

namespace LeadIntake.Domain.Tests.Qualification;

public class EngagementScoreTests
{
    // policy-default-1: half-life 30 d, cap period 7 d, the points and caps of qualification-policy.json.
    private static readonly EngagementPolicy _default = QualificationPolicy.Default.Engagement;
    private static readonly DateTimeOffset _now = TestLeads.T0;

    private static int Compute(params LeadActivity[] activities) => EngagementScore.Compute(activities, _default, _now);

    // One event of each type the default policy lists, at the evaluation time (no decay): exactly its points.
    [Theory]
    [InlineData("form_submission", 20)]
    [InlineData("email_open", 5)]
    [InlineData("link_click", 8)]
    [InlineData("content_download", 10)]
    [InlineData("webinar_registered", 20)]
    [InlineData("webinar_attended", 30)]
    [InlineData("pricing_page_view", 15)]
    [InlineData("comparison_page_view", 10)]
    [InlineData("demo_request", 40)]
    [InlineData("unsubscribe", -20)]
    [InlineData("hard_bounce", -50)]
    public void Compute_OneEventNow_ItsTypesPoints(string type, int points)
    {
        Assert.Equal(points, Compute(Event(type, _now)));
    }

    [Fact]
    public void Compute_NoEvents_Zero()
    {
        Assert.Equal(0, Compute());
    }

    // A form submission (20 points) aged a multiple of the 30-day half-life: 20 × ½^(age / 30 d).
    [Theory]
    [InlineData(30, 10)]    // exactly one half-life: exactly half
    [InlineData(60, 5)]     // two half-lives: a quarter
    [InlineData(15, 14)]    // half a half-life: 20 × 0.7071 = 14.14 → 14
    [InlineData(1, 20)]     // 20 × ½^(1/30) = 19.54 → 20
    [InlineData(240, 0)]    // eight half-lives (the horizon): 20 / 256 = 0.08 → 0
    public void Compute_AgedEvent_HalvesEveryHalfLife(int ageDays, int expected)
    {
        Assert.Equal(expected, Compute(Event(EngagementPolicy.FormSubmission, _now.AddDays(-ageDays))));
    }

    [Fact]
    public void Compute_ExactlyOneHalfLife_ExactlyHalfOfEachType()
    {
        var aged = _now - _default.HalfLife;

        // 40 / 2 = 20 and −50 / 2 = −25: exact, nothing to round.
        Assert.Equal(20, Compute(Event("demo_request", aged)));
        Assert.Equal(-25, Compute(Event("hard_bounce", aged)));
    }

    [Fact]
    public void Compute_BotClicks500Times_OnlyThePeriodsCapCounts()
    {
        // link_click: 8 points, maxPerPeriod 3. 500 clicks in the same second: 3 × 8 = 24.
        Assert.Equal(24, Compute(Events("link_click", _now, 500)));
    }

    // Events of one type in one cap period: only the first maxPerPeriod count (all at _now, so no decay).
    [Theory]
    [InlineData("form_submission", 4, 60)]      // max 3 × 20
    [InlineData("webinar_attended", 2, 30)]     // max 1 × 30
    [InlineData("pricing_page_view", 2, 30)]    // max 2 × 15: both
    [InlineData("pricing_page_view", 3, 30)]    // the third is capped
    [InlineData("hard_bounce", 5, -50)]         // caps hold for negative points too: max 1 × −50
    public void Compute_ManyEventsOneType_CappedPerPeriod(string type, int count, int expected)
    {
        Assert.Equal(expected, Compute(Events(type, _now, count)));
    }

    [Fact]
    public void Compute_CapsArePerType_OtherTypesStillCount()
    {
        // 10 clicks (capped at 3 × 8 = 24) and 10 opens (capped at 3 × 5 = 15): 39.
        Assert.Equal(39, Compute([.. Events("link_click", _now, 10), .. Events("email_open", _now, 10)]));
    }

    [Fact]
    public void Compute_CappedEvents_EarliestOfThePeriodCount()
    {
        // Half-life and cap period one day, so decay tells which event counted. webinar_attended (30, max 1) at 01:00 and
        // 13:00 of one UTC day, evaluated at 01:00 the next day: the earliest counts, 30 × ½ = 15 (the later would be
        // 30 × ½^0.5 = 21.2 → 21).
        var policy = _default with { HalfLife = TimeSpan.FromDays(1), CapPeriod = TimeSpan.FromDays(1) };
        var day = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        LeadActivity[] events = [Event("webinar_attended", day.AddHours(13)), Event("webinar_attended", day.AddHours(1))];

        Assert.Equal(15, EngagementScore.Compute(events, policy, day.AddHours(25)));
    }

    // Cap period one day: windows are whole UTC days. Three form submissions (the cap) at 23:59:59, a fourth either in the
    // same window or at the next midnight (a new window). Evaluated at that midnight; the decay over one second is nothing.
    [Theory]
    [InlineData(0, 60)]    // the fourth at 23:59:59 too: same window, capped: 3 × 20
    [InlineData(1, 80)]    // the fourth at 00:00:00: the next window, counted: 4 × 20
    public void Compute_CapPeriodWindows_FixedUtcBoundaries(int fourthSecondsLater, int expected)
    {
        var policy = _default with { CapPeriod = TimeSpan.FromDays(1) };
        var beforeMidnight = new DateTimeOffset(2026, 11, 22, 23, 59, 59, TimeSpan.Zero);
        LeadActivity[] events =
        [
            .. Events(EngagementPolicy.FormSubmission, beforeMidnight, 3),
            Event(EngagementPolicy.FormSubmission, beforeMidnight.AddSeconds(fourthSecondsLater), "fourth"),
        ];

        Assert.Equal(expected, EngagementScore.Compute(events, policy, beforeMidnight.AddSeconds(1)));
    }

    [Fact]
    public void Compute_WindowsSpanningTheCapPeriod_EachWindowHasItsOwnCap()
    {
        // 3 submissions a day for three days, cap period 1 d: 9 counted; a 3-day cap period would count 3.
        // Half-life 36,500 d so decay is nothing: 9 × 20 = 180.
        var policy = _default with { CapPeriod = TimeSpan.FromDays(1), HalfLife = TimeSpan.FromDays(36_500) };
        var day = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        LeadActivity[] events = [.. Enumerable.Range(0, 3).SelectMany(d => Events(EngagementPolicy.FormSubmission, day.AddDays(d), 3).Select(e => e with { Id = $"{d}-{e.Id}" }))];

        Assert.Equal(180, EngagementScore.Compute(events, policy, day.AddDays(3)));
    }

    [Fact]
    public void Compute_SevenDayCapPeriod_WindowsCountedFrom1970()
    {
        // 2026-11-19 is a Thursday: 20,776 days after 1970-01-01 = 2,968 weeks, so a documented 7-day window starts at its
        // midnight. Three submissions (the cap) on Wednesday 23:00, a fourth on Thursday 01:00: two windows, 4 × 20 = 80.
        // Half-life 36,500 d so two hours of decay are nothing.
        var policy = _default with { HalfLife = TimeSpan.FromDays(36_500) };
        var thursday = new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.Zero);
        LeadActivity[] events =
        [
            .. Events(EngagementPolicy.FormSubmission, thursday.AddHours(-1), 3),
            Event(EngagementPolicy.FormSubmission, thursday.AddHours(1), "fourth"),
        ];

        Assert.Equal(80, EngagementScore.Compute(events, policy, thursday.AddHours(1)));
    }

    [Fact]
    public void Compute_NegativePoints_TotalMayBeNegative()
    {
        // unsubscribe −20 + email_open 5 = −15; engagement is not clamped at zero.
        Assert.Equal(-15, Compute(Event("unsubscribe", _now), Event("email_open", _now)));
    }

    [Fact]
    public void Compute_UnknownTypes_WorthNothing()
    {
        // "page_view" and "FORM_SUBMISSION" are not keys of the policy's events (exact, snake_case): only the real
        // form_submission's 20 counts.
        Assert.Equal(20, Compute(Event("page_view", _now), Event("FORM_SUBMISSION", _now), Event(EngagementPolicy.FormSubmission, _now)));
    }

    // Sums rounded half away from zero: 20 × ⅛ = 2.5 and −20 × ⅛ = −2.5 at three half-lives (90 d).
    [Theory]
    [InlineData("form_submission", 3)]    // 2.5 → 3, not banker's 2
    [InlineData("unsubscribe", -3)]       // −2.5 → −3
    public void Compute_HalfPointTotal_RoundedAwayFromZero(string type, int expected)
    {
        Assert.Equal(expected, Compute(Event(type, _now.AddDays(-90))));
    }

    [Fact]
    public void Compute_FractionsSummedBeforeRounding()
    {
        // Two email opens at 60 d: 5 × ¼ = 1.25 each, 2.5 together → 3 (rounding each would give 1 + 1 = 2).
        Assert.Equal(3, Compute(Event("email_open", _now.AddDays(-60), "a"), Event("email_open", _now.AddDays(-60), "b")));
    }

    [Fact]
    public void Compute_FutureDatedEvent_CountsAsNewNeverMore()
    {
        // An event dated 5 days after the evaluation (a sender's clock ahead): 20, not 20 × 2^(5/30) = 22.4.
        Assert.Equal(20, Compute(Event(EngagementPolicy.FormSubmission, _now.AddDays(5))));
    }

    [Fact]
    public void Compute_EventWithOffset_ComparedAsInstant()
    {
        // 30 days ago at 10:00+01:00 is 09:00 UTC: exactly one half-life.
        var aged = new DateTimeOffset(_now.AddDays(-30).DateTime.AddHours(1), TimeSpan.FromHours(1));

        Assert.Equal(10, Compute(Event(EngagementPolicy.FormSubmission, aged)));
    }

    [Fact]
    public void Compute_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => EngagementScore.Compute(null!, _default, _now));
        Assert.Throws<ArgumentNullException>(() => EngagementScore.Compute([], null!, _now));
    }

    [Fact]
    public void Horizon_DefaultPolicy_EightHalfLives()
    {
        // 8 × 30 d = 240 d beats the rules' windows (30 d demo, 14 d pricing) and the 7 d cap period.
        Assert.Equal(TimeSpan.FromDays(240), EngagementScore.Horizon(QualificationPolicy.Default));
    }

    [Fact]
    public void Horizon_RuleLooksFurtherBack_TheRulesWindow()
    {
        var policy = QualificationPolicy.Default with
        {
            MarketingQualified = [new QualificationRule("webinar-this-year") { EventsAny = new HashSet<string> { "webinar_attended" }, EventsWithin = TimeSpan.FromDays(365) }],
        };

        Assert.Equal(TimeSpan.FromDays(365), EngagementScore.Horizon(policy));
    }

    [Fact]
    public void Horizon_ShortHalfLife_LongestFastTrackWindow()
    {
        // Half-life 1 d → 8 d; the default "asked-for-demo" looks back 30 d, which wins.
        var policy = QualificationPolicy.Default with { Engagement = _default with { HalfLife = TimeSpan.FromDays(1) } };

        Assert.Equal(TimeSpan.FromDays(30), EngagementScore.Horizon(policy));
    }

    [Fact]
    public void Horizon_NoEventRules_CapPeriodWhenLongerThanEightHalfLives()
    {
        // Half-life 12 h → 4 d, cap period 7 d wins. A rule with a window but no eventsAny looks at no events: ignored.
        var policy = QualificationPolicy.Default with
        {
            Engagement = _default with { HalfLife = TimeSpan.FromHours(12) },
            MarketingQualified = [new QualificationRule("fit") { FitAtLeast = 40, EventsWithin = TimeSpan.FromDays(1000) }],
            SalesQualifiedFastTrack = [],
        };

        Assert.Equal(TimeSpan.FromDays(7), EngagementScore.Horizon(policy));
    }
}
