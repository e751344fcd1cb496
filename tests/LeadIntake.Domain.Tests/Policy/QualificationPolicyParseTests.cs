using System.Text.Json.Nodes;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Domain.Tests.Policy;

public class QualificationPolicyParseTests
{
    [Fact]
    public void Default_TopLevelAndEngagement_AsInTheFile()
    {
        var policy = QualificationPolicy.Default;

        Assert.Equal("policy-default-1", policy.Version);
        Assert.StartsWith("The built-in agreement between marketing and sales.", policy.Description);
        Assert.Empty(policy.SignedBy);
        Assert.Equal(TimeSpan.FromDays(30), policy.Engagement.HalfLife);
        Assert.Equal(TimeSpan.FromDays(7), policy.Engagement.CapPeriod);
        Assert.Equal(11, policy.Engagement.Events.Count);
        Assert.Equal(new EventPoints(20, 3), policy.Engagement.Events[EngagementPolicy.FormSubmission]);
        Assert.Equal(new EventPoints(40, 1), policy.Engagement.Events["demo_request"]);
        Assert.Equal(new EventPoints(-50, 1), policy.Engagement.Events["hard_bounce"]);
        Assert.Equal(TimeSpan.FromHours(24), policy.NurturePeriod);
        Assert.Empty(policy.CompetitorDomains);
        Assert.Equal([".edu", ".ac.uk", ".edu.au", ".ac.nz", ".ac.jp", ".ac.in", ".edu.cn"], policy.StudentDomainSuffixes);
    }

    [Fact]
    public void Default_Rules_AsInTheFile()
    {
        var policy = QualificationPolicy.Default;

        var mql = Assert.Single(policy.MarketingQualified);
        Assert.Equal("fit-and-engaged", mql.Name);
        Assert.Equal(40, mql.FitAtLeast);
        Assert.Equal(20, mql.EngagementAtLeast);
        Assert.Null(mql.GradeIn);
        Assert.Null(mql.SignalsAny);
        Assert.Null(mql.EventsAny);
        Assert.Null(mql.FeatureIn);

        Assert.Equal(["asked-for-contact", "asked-for-demo", "pricing-interest-good-fit"], policy.SalesQualifiedFastTrack.Select(r => r.Name));
        Assert.Equal([LeadSignal.ContactRequested], policy.SalesQualifiedFastTrack[0].SignalsAny!);
        Assert.Equal(["demo_request"], policy.SalesQualifiedFastTrack[1].EventsAny!);
        Assert.Equal(TimeSpan.FromDays(30), policy.SalesQualifiedFastTrack[1].EventsWithin);
        var pricing = policy.SalesQualifiedFastTrack[2];
        Assert.Equal(["comparison_page_view", "pricing_page_view"], pricing.EventsAny!.Order());
        Assert.Equal(TimeSpan.FromDays(14), pricing.EventsWithin);
        Assert.Equal(["A", "B"], pricing.GradeIn!.Order());

        Assert.Equal(
            [new DisqualifyRule(LeadSignal.CompetitorDomain, "competitor"), new DisqualifyRule(LeadSignal.StudentDomain, "student"),
             new DisqualifyRule(LeadSignal.Unsubscribed, "unsubscribed"), new DisqualifyRule(LeadSignal.HardBounced, "invalid_email")],
            policy.Disqualify);
    }

    [Fact]
    public void Default_HandoffSlaAndRecycle_AsInTheFile()
    {
        var policy = QualificationPolicy.Default;

        Assert.Equal(FunnelStage.SalesAccepted, policy.Handoff.Stage);
        Assert.Same(OwnerRouting.None, policy.Handoff.Routing);

        Assert.Equal(TimeZoneInfo.Utc.Id, policy.Sla.Hours.TimeZone.Id);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], policy.Sla.Hours.WorkingDays.Order());
        Assert.Equal(new TimeOnly(9, 0), policy.Sla.Hours.Start);
        Assert.Equal(new TimeOnly(17, 0), policy.Sla.Hours.End);
        Assert.Empty(policy.Sla.Hours.Holidays);
        Assert.Equal(BusinessHours.Default, policy.Sla.Hours);

        // Working hours 09:00–17:00: a working day is 8 h, so "within": "5d" is 40 h of business time.
        Assert.Equal(TimeSpan.FromHours(8), policy.Sla.Hours.WorkingDayLength);
        Assert.Equal(TimeSpan.FromHours(1), policy.Sla.FirstResponse);
        Assert.Equal(3, policy.Sla.FollowUps);
        Assert.Equal(TimeSpan.FromHours(40), policy.Sla.FollowUpWindow);
        Assert.Equal(TimeSpan.FromHours(4), policy.Sla.MinFollowUpSpacing);
        Assert.Equal(FunnelStage.Nurture, policy.Sla.ExhaustedMoveTo);
        Assert.Equal("follow_ups_exhausted", policy.Sla.ExhaustedReason);

        Assert.Equal(new RecyclePolicy(FunnelStage.Nurture, TimeSpan.FromDays(90)), policy.Recycle);
    }

    [Fact]
    public void DefaultJson_IsTheEmbeddedFile_AndParsesToTheDefault()
    {
        var parsed = QualificationPolicy.Parse(QualificationPolicy.DefaultJson);

        Assert.Contains("\"version\": \"policy-default-1\"", QualificationPolicy.DefaultJson);
        Assert.Equal(QualificationPolicy.Default.Version, parsed.Version);
        Assert.Same(QualificationPolicy.Default, QualificationPolicy.Default);
    }

    public static TheoryData<string, string, string> InvalidFiles() => new()
    {
        // file, expected path, expected words in the problem
        { "not json", "$", "not valid JSON" },
        { "[]", "$", "must be a JSON object, found Array" },

        // Unknown properties, at the top and nested, name the property and list the allowed ones.
        { Edit(p => p["treshold"] = 3), "$.treshold", "unknown property 'treshold'; allowed here: version, description, signedBy, engagement, mql" },
        { Edit(p => p["sla"]!["followUps"]!["cnt"] = 3), "$.sla.followUps.cnt", "unknown property 'cnt'; allowed here: count, within, minSpacing" },
        { Edit(p => p["mql"]![0]!["fitAtleast"] = 3), "$.mql[0].fitAtleast", "unknown property 'fitAtleast'; allowed here: rule, fitAtLeast, gradeIn" },
        { Edit(p => p["engagement"]!["events"]!["email_open"]!["max"] = 3), "$.engagement.events.email_open.max", "allowed here: points, maxPerPeriod" },
        { Edit(p => p["handoff"]!["routing"]!["fallback"] = "x"), "$.handoff.routing.fallback", "allowed here: mode, owners, byCountry, defaultOwner" },
        { Edit(p => p["recycle"]!["lostToNurture"] = "90d"), "$.recycle.lostToNurture", "allowed here: rejectedMoveTo, lostToNurtureAfter" },
        { Edit(p => p.Remove("sla")), "$.sla", "is required" },
        { Edit(p => p.Remove("version")), "$.version", "is required" },
        { Edit(p => p["version"] = "policy 1"), "$.version", "letters, digits" },
        { Edit(p => p["version"] = new string('v', 65)), "$.version", "at most 64" },
        { Edit(p => p["version"] = ""), "$.version", "must not be empty" },
        { Edit(p => p["signedBy"] = new JsonArray("Head of Sales", "")), "$.signedBy[1]", "must not be empty" },
        { """{ "version": "a", "version": "b" }""", "$.version", "is given twice" },

        // Event types: points and caps, names, and rules naming events the engagement section does not define.
        { Edit(p => p["engagement"]!["events"]!["email_open"]!["points"] = 500), "$.engagement.events.email_open.points", "500 is not a whole number between -100 and 100" },
        { Edit(p => p["engagement"]!["events"]!["email_open"]!["maxPerPeriod"] = 0), "$.engagement.events.email_open.maxPerPeriod", "at least 1" },
        { Edit(p => p["engagement"]!["events"]!["Email-Open"] = Points()), "$.engagement.events['Email-Open']", "must be snake_case" },
        {
            Edit(p => p["sqlFastTrack"]![1]!["eventsAny"] = new JsonArray("demo_requested")), "$.sqlFastTrack[1].eventsAny[0]",
            "unknown event type 'demo_requested'; known event types (the keys of $.engagement.events): form_submission, email_open, link_click"
        },
        { Edit(p => p["mql"]![0]!["eventsWithin"] = "7d"), "$.mql[0].eventsWithin", "only applies together with \"eventsAny\"" },

        // Signals.
        { Edit(p => p["sqlFastTrack"]![0]!["signalsAny"] = new JsonArray("contact_request")), "$.sqlFastTrack[0].signalsAny[0]", "unknown signal 'contact_request'; known signals: contact_requested, consent_marketing, corporate_email" },
        { Edit(p => p["disqualify"]![1]!["signal"] = "student"), "$.disqualify[1].signal", "unknown signal 'student'; known signals: contact_requested" },
        { Edit(p => p["disqualify"]![1]!["signal"] = "competitor_domain"), "$.disqualify[1].signal", "'competitor_domain' is already listed" },
        { Edit(p => p["disqualify"]![0]!["reason"] = "Competitor!"), "$.disqualify[0].reason", "snake_case code" },
        { Edit(p => p["sqlFastTrack"]![0]!["signalsAny"] = new JsonArray()), "$.sqlFastTrack[0].signalsAny", "must be a non-empty array, found an empty array" },

        // Stages.
        { Edit(p => p["handoff"]!["stage"] = "SQLL"), "$.handoff.stage", "unknown stage 'SQLL'; known stages: Lead, MQL, SAL, SQL, Opportunity, Won, Lost, Nurture, Disqualified" },
        { Edit(p => p["handoff"]!["stage"] = "MQL"), "$.handoff.stage", "'MQL' is not allowed here; use SAL or SQL" },
        { Edit(p => p["sla"]!["whenFollowUpsExhausted"]!["moveTo"] = "Recycled"), "$.sla.whenFollowUpsExhausted.moveTo", "unknown stage 'Recycled'; known stages: Lead" },
        { Edit(p => p["sla"]!["whenFollowUpsExhausted"]!["moveTo"] = "Lost"), "$.sla.whenFollowUpsExhausted.moveTo", "'Lost' is not allowed here; use Nurture or Disqualified" },
        { Edit(p => p["sla"]!["whenFollowUpsExhausted"]!["reason"] = "follow-ups exhausted"), "$.sla.whenFollowUpsExhausted.reason", "snake_case code" },
        { Edit(p => p["recycle"]!["rejectedMoveTo"] = "SAL"), "$.recycle.rejectedMoveTo", "'SAL' is not allowed here; use Nurture or MQL" },

        // Features.
        { Edit(p => p["mql"]![0]!["featureIn"] = new JsonObject { ["seniority"] = new JsonArray("vp") }), "$.mql[0].featureIn.seniority", "unknown feature 'seniority'; known features: email_class, email_domain_tld" },
        { Edit(p => p["mql"]![0]!["featureIn"] = new JsonObject { ["has_phone"] = new JsonArray(1) }), "$.mql[0].featureIn.has_phone[0]", "must be a string (features are compared as their formatted text" },
        { Edit(p => p["mql"]![0]!["featureIn"] = new JsonObject()), "$.mql[0].featureIn", "name at least one feature" },

        // Rules.
        { Edit(p => p["sqlFastTrack"]![0]!["rule"] = "fit-and-engaged"), "$.sqlFastTrack[0].rule", "rule name 'fit-and-engaged' is already used at $.mql[0]" },
        { Edit(p => p["sqlFastTrack"]![2]!["rule"] = "Asked-For-Demo"), "$.sqlFastTrack[2].rule", "is already used at $.sqlFastTrack[1]" },
        { Edit(p => p["mql"]![0] = new JsonObject { ["rule"] = "nothing" }), "$.mql[0]", "give at least one condition: fitAtLeast, gradeIn, engagementAtLeast, signalsAny, eventsAny, featureIn" },
        { Edit(p => p["mql"]![0]!.AsObject().Remove("rule")), "$.mql[0].rule", "is required" },
        { Edit(p => p["mql"]![0]!["rule"] = "fit and engaged"), "$.mql[0].rule", "at most 64 letters, digits" },
        { Edit(p => p["mql"] = new JsonArray()), "$.mql", "must be a non-empty array" },
        { Edit(p => p["mql"]![0]!["fitAtLeast"] = 101), "$.mql[0].fitAtLeast", "101 is not a whole number between 0 and 100" },
        { Edit(p => p["mql"]![0]!["fitAtLeast"] = 40.5), "$.mql[0].fitAtLeast", "must be a whole number between 0 and 100" },
        { Edit(p => p["mql"]![0]!["gradeIn"] = new JsonArray("A", "E")), "$.mql[0].gradeIn[1]", "unknown grade 'E'; known grades: A, B, C, D" },
        { Edit(p => p["mql"]![0]!["gradeIn"] = new JsonArray("A", "A")), "$.mql[0].gradeIn[1]", "'A' is listed twice" },

        // Routing.
        { Edit(p => p["handoff"]!["routing"] = new JsonObject { ["mode"] = "even" }), "$.handoff.routing.owners", "mode \"even\" needs at least one owner" },
        { Edit(p => p["handoff"]!["routing"] = new JsonObject { ["mode"] = "even", ["owners"] = new JsonArray() }), "$.handoff.routing.owners", "mode \"even\" needs at least one owner" },
        { Edit(p => p["handoff"]!["routing"] = new JsonObject { ["mode"] = "by_country" }), "$.handoff.routing", "mode \"by_country\" needs \"byCountry\" or \"defaultOwner\"" },
        { Edit(p => p["handoff"]!["routing"] = new JsonObject { ["mode"] = "round_robin" }), "$.handoff.routing.mode", "unknown routing mode 'round_robin'; known modes: none, even, by_country" },
        { Edit(p => p["handoff"]!["routing"] = new JsonObject { ["mode"] = "none", ["owners"] = new JsonArray("ada") }), "$.handoff.routing.owners", "only used with mode \"even\"" },
        { Edit(p => p["handoff"]!["routing"] = new JsonObject { ["mode"] = "even", ["owners"] = new JsonArray("ada", "Ada") }), "$.handoff.routing.owners[1]", "listed twice" },
        { Edit(p => p["handoff"]!["routing"] = new JsonObject { ["mode"] = "even", ["owners"] = new JsonArray(new string('x', 101)) }), "$.handoff.routing.owners[0]", "1–100 characters" },
        {
            Edit(p => p["handoff"]!["routing"] = new JsonObject { ["mode"] = "by_country", ["byCountry"] = new JsonObject { ["DE"] = "ada", ["de"] = "bob" } }),
            "$.handoff.routing.byCountry.de", "country 'de' is listed twice"
        },

        // Business hours.
        { Edit(p => p["sla"]!["timeZone"] = "Mars/Olympus_Mons"), "$.sla.timeZone", "unknown time zone 'Mars/Olympus_Mons'" },
        { Edit(p => p["sla"]!["workingDays"] = new JsonArray("Mon", "Monday")), "$.sla.workingDays[1]", "unknown weekday 'Monday'; known weekdays: Mon, Tue, Wed, Thu, Fri, Sat, Sun" },
        { Edit(p => p["sla"]!["workingDays"] = new JsonArray("mon")), "$.sla.workingDays[0]", "unknown weekday 'mon'" },
        { Edit(p => p["sla"]!["workingDays"] = new JsonArray("Mon", "Mon")), "$.sla.workingDays[1]", "'Mon' is listed twice" },
        { Edit(p => p["sla"]!["workingDays"] = new JsonArray()), "$.sla.workingDays", "must be a non-empty array" },
        { Edit(p => p["sla"]!["workingHours"] = Hours("17:00", "09:00")), "$.sla.workingHours", "the start (17:00) must be before the end (09:00)" },
        { Edit(p => p["sla"]!["workingHours"] = Hours("09:00", "09:00")), "$.sla.workingHours", "the start (09:00) must be before the end (09:00)" },
        { Edit(p => p["sla"]!["workingHours"] = Hours("24:00", "24:00")), "$.sla.workingHours.start", "'24:00' is not a time; write HH:mm" },
        { Edit(p => p["sla"]!["workingHours"] = Hours("9am", "17:00")), "$.sla.workingHours.start", "'9am' is not a time" },
        { Edit(p => p["sla"]!["workingHours"] = Hours("09:00", "25:00")), "$.sla.workingHours.end", "or \"24:00\" for the end of the day" },
        { Edit(p => p["sla"]!["holidays"] = new JsonArray("25.12.2026")), "$.sla.holidays[0]", "'25.12.2026' is not a date; write yyyy-MM-dd" },
        { Edit(p => p["sla"]!["holidays"] = new JsonArray("2026-12-25", "2026-12-25")), "$.sla.holidays[1]", "listed twice" },
        { Edit(p => p["sla"]!["followUps"]!["count"] = -1), "$.sla.followUps.count", "-1 is not a whole number of at least 0" },

        // Domains.
        { Edit(p => p["competitorDomains"] = new JsonArray("sales@rival.com")), "$.competitorDomains[0]", "is not a domain" },

        // KPI goals and the MQL → SQL band.
        { Edit(p => p["kpis"]!["goal"] = new JsonObject()), "$.kpis.goal", "unknown property 'goal'; allowed here: goals, mqlToSqlBand" },
        { Edit(p => p["kpis"]!["goals"] = new JsonObject { ["period"] = "quarter" }), "$.kpis.goals.period", "unknown goal period 'quarter'; known goal periods: week, month" },
        { Edit(p => p["kpis"]!["goals"] = new JsonObject { ["leads"] = 10 }), "$.kpis.goals.period", "is required" },
        { Edit(p => p["kpis"]!["goals"] = new JsonObject { ["period"] = "month", ["mql"] = 10 }), "$.kpis.goals.mql", "allowed here: period, leads, mqls, sals, sqls, opportunities, won" },
        { Edit(p => p["kpis"]!["goals"] = new JsonObject { ["period"] = "month", ["won"] = -1 }), "$.kpis.goals.won", "-1 is not a whole number of at least 0" },
        { Edit(p => p["kpis"]!["mqlToSqlBand"]!["low"] = 10), "$.kpis.mqlToSqlBand.low", "must be a share between 0 and 1" },
        { Edit(p => p["kpis"]!["mqlToSqlBand"]!["high"] = 0.05), "$.kpis.mqlToSqlBand", "low 0.1 must be below high 0.05" },
    };

    [Fact]
    public void Parse_KpiGoalsAndBand()
    {
        var policy = QualificationPolicy.Parse(Edit(p => p["kpis"] = JsonNode.Parse("""
            { "goals": { "period": "week", "leads": 500, "mqls": 100, "won": 4 }, "mqlToSqlBand": { "low": 0.15, "high": 0.4 } }
            """)));

        Assert.Equal(GoalPeriod.Week, policy.Goals.Period);
        Assert.Equal(new Dictionary<FunnelStage, int> { [FunnelStage.Lead] = 500, [FunnelStage.MarketingQualified] = 100, [FunnelStage.Won] = 4 }, policy.Goals.Volumes);
        Assert.Equal(new ConversionBand(0.15, 0.4), policy.MqlToSqlBand);
    }

    [Fact]
    public void Parse_WithoutKpis_NoGoalsAndTheDefaultBand()
    {
        var policy = QualificationPolicy.Parse(Edit(p => p.Remove("kpis")));

        Assert.Empty(policy.Goals.Volumes);
        Assert.Equal(ConversionBand.Default, policy.MqlToSqlBand);
        Assert.Equal(ConversionBand.Default, QualificationPolicy.Default.MqlToSqlBand);
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Parse_InvalidFile_ErrorNamesPathAndProblem(string json, string path, string problem)
    {
        var e = Assert.Throws<QualificationPolicyFormatException>(() => QualificationPolicy.Parse(json));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Problem);
        Assert.Equal($"Invalid qualification policy at {path}: {e.Problem}", e.Message);
    }

    public static TheoryData<string, string, string> InvalidDurations() => new()
    {
        // where, text, expected words in the problem
        { "$.engagement.halfLife", "30 d", "'30 d' is not a duration; write a number and a unit s, m, h or d" },
        { "$.engagement.halfLife", "30", "'30' is not a duration" },
        { "$.engagement.halfLife", "1w", "'1w' is not a duration" },
        { "$.engagement.halfLife", "-1h", "'-1h' is not a duration" },
        { "$.engagement.halfLife", "1.5.2h", "'1.5.2h' is not a duration" },
        { "$.engagement.halfLife", "30D", "'30D' is not a duration" },
        { "$.engagement.halfLife", "0h", "'0h' must be longer than zero" },
        { "$.engagement.halfLife", "40000d", "longer than 100 years" },
        { "$.engagement.capPeriod", "", "'' is not a duration" },
        { "$.nurturePeriod", "1 day", "is not a duration" },
        { "$.sla.firstResponse", "0m", "must be longer than zero" },
        { "$.sla.followUps.within", "5", "is not a duration" },
        { "$.recycle.lostToNurtureAfter", "3mo", "is not a duration" },
        { "$.sqlFastTrack[1].eventsWithin", "0d", "must be longer than zero" },
    };

    [Theory]
    [MemberData(nameof(InvalidDurations))]
    public void Parse_BadDuration_ErrorNamesPath(string path, string text, string problem)
    {
        var json = Edit(p => Set(p, path, text));

        var e = Assert.Throws<QualificationPolicyFormatException>(() => QualificationPolicy.Parse(json));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Parse_DurationAsNumber_ErrorSaysDurationString()
    {
        var e = Assert.Throws<QualificationPolicyFormatException>(() => QualificationPolicy.Parse(Edit(p => p["nurturePeriod"] = 24)));

        Assert.Equal("$.nurturePeriod", e.Path);
        Assert.Contains("must be a duration string such as", e.Problem);
    }

    public static TheoryData<string, double> CalendarDurations() => new()
    {
        // text, expected hours ("d" is 24 h outside the SLA)
        { "90s", 90 / 3600d },
        { "15m", 0.25 },
        { "1h", 1 },
        { "1.5h", 1.5 },
        { "24h", 24 },
        { "1d", 24 },
        { "30d", 720 },
        { "0.5d", 12 },
    };

    [Theory]
    [MemberData(nameof(CalendarDurations))]
    public void Parse_DurationOutsideSla_DayIs24Hours(string text, double hours)
    {
        var policy = QualificationPolicy.Parse(Edit(p => p["engagement"]!["halfLife"] = text));

        Assert.Equal(TimeSpan.FromHours(hours), policy.Engagement.HalfLife);
    }

    [Fact]
    public void Parse_ZeroWhereZeroMakesSense_Accepted()
    {
        var policy = QualificationPolicy.Parse(Edit(p =>
        {
            p["nurturePeriod"] = "0h";
            p["sla"]!["followUps"]!["minSpacing"] = "0m";
            p["sla"]!["followUps"]!["count"] = 0;
            p["recycle"]!["lostToNurtureAfter"] = null;
        }));

        Assert.Equal(TimeSpan.Zero, policy.NurturePeriod);
        Assert.Equal(TimeSpan.Zero, policy.Sla.MinFollowUpSpacing);
        Assert.Equal(0, policy.Sla.FollowUps);
        Assert.Null(policy.Recycle.LostToNurtureAfter);
    }

    public static TheoryData<string, string, string, double> SlaDurations() => new()
    {
        // working hours, "followUps.within", expected business hours: "d" is one working day (end − start)
        { "09:00", "17:00", "5d", 40 },      // 5 × 8 h
        { "08:00", "12:00", "1d", 4 },       // 1 × 4 h
        { "09:00", "17:30", "2d", 17 },      // 2 × 8.5 h
        { "09:00", "17:00", "1.5d", 12 },    // 1.5 × 8 h
        { "09:00", "17:00", "24h", 24 },     // hours are taken as written
        { "09:00", "17:00", "90m", 1.5 },
    };

    [Theory]
    [MemberData(nameof(SlaDurations))]
    public void Parse_SlaDay_IsOneWorkingDay(string start, string end, string within, double hours)
    {
        var policy = QualificationPolicy.Parse(Edit(p =>
        {
            p["sla"]!["workingHours"] = Hours(start, end);
            p["sla"]!["followUps"]!["within"] = within;
        }));

        Assert.Equal(TimeSpan.FromHours(hours), policy.Sla.FollowUpWindow);
    }

    [Fact]
    public void Parse_SlaDays_MultiplyTheWorkingDayLength()
    {
        var policy = QualificationPolicy.Parse(Edit(p =>
        {
            p["sla"]!["workingHours"] = Hours("10:00", "16:00");
            p["sla"]!["firstResponse"] = "1d";
            p["sla"]!["followUps"]!["within"] = "5d";
            p["sla"]!["followUps"]!["minSpacing"] = "0.5d";
        }));

        var day = policy.Sla.Hours.WorkingDayLength;
        Assert.Equal(TimeSpan.FromHours(6), day);
        Assert.Equal(day, policy.Sla.FirstResponse);
        Assert.Equal(5 * day, policy.Sla.FollowUpWindow);
        Assert.Equal(day / 2, policy.Sla.MinFollowUpSpacing);
        Assert.Equal(TimeSpan.FromHours(24), policy.NurturePeriod);   // outside the SLA a day stays 24 h
    }

    [Fact]
    public void Parse_EndOfDay2400_MeansMidnight()
    {
        var policy = QualificationPolicy.Parse(Edit(p =>
        {
            p["sla"]!["workingHours"] = Hours("16:00", "24:00");
            p["sla"]!["followUps"]!["within"] = "1d";
        }));

        // "24:00" is read as TimeOnly.MaxValue (23:59:59.9999999), the end of the day: the working day is 8 h (to within a tick).
        Assert.Equal(TimeOnly.MaxValue, policy.Sla.Hours.End);
        Assert.InRange(policy.Sla.Hours.WorkingDayLength, TimeSpan.FromHours(8) - TimeSpan.FromTicks(1), TimeSpan.FromHours(8));
        Assert.Equal(policy.Sla.Hours.WorkingDayLength, policy.Sla.FollowUpWindow);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    public void Parse_KnownTimeZone_Accepted(string zone)
    {
        var policy = QualificationPolicy.Parse(Edit(p => p["sla"]!["timeZone"] = zone));

        Assert.Equal(zone, policy.Sla.Hours.TimeZone.Id);
    }

    [Fact]
    public void Parse_WorkingDaysAndHolidays_Read()
    {
        var policy = QualificationPolicy.Parse(Edit(p =>
        {
            p["sla"]!["workingDays"] = new JsonArray("Sun", "Mon", "Tue", "Wed", "Thu");
            p["sla"]!["workingHours"] = Hours("08:30", "16:45");
            p["sla"]!["holidays"] = new JsonArray("2026-12-25", "2027-01-01");
        }));

        var hours = policy.Sla.Hours;
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], hours.WorkingDays.Order());
        Assert.Equal(new TimeOnly(8, 30), hours.Start);
        Assert.Equal(new TimeOnly(16, 45), hours.End);
        Assert.Equal([new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)], hours.Holidays.Order());
    }

    [Fact]
    public void Parse_RoutingEven_OwnersInFileOrder()
    {
        var policy = QualificationPolicy.Parse(Edit(p => p["handoff"] = new JsonObject
        {
            ["stage"] = "SQL",
            ["routing"] = new JsonObject { ["mode"] = "even", ["owners"] = new JsonArray("ada@example.com", "bob@example.com") },
        }));

        Assert.Equal(FunnelStage.SalesQualified, policy.Handoff.Stage);
        Assert.Equal(RoutingMode.Even, policy.Handoff.Routing.Mode);
        Assert.Equal(["ada@example.com", "bob@example.com"], policy.Handoff.Routing.Owners);
        Assert.Empty(policy.Handoff.Routing.ByCountry);
        Assert.Null(policy.Handoff.Routing.DefaultOwner);
    }

    [Fact]
    public void Parse_RoutingByCountry_CountriesIgnoreCase()
    {
        var policy = QualificationPolicy.Parse(Edit(p => p["handoff"]!["routing"] = new JsonObject
        {
            ["mode"] = "by_country",
            ["byCountry"] = new JsonObject { ["Germany"] = "ada", ["FR"] = "bob" },
            ["defaultOwner"] = "carol",
        }));

        var routing = policy.Handoff.Routing;
        Assert.Equal(RoutingMode.ByCountry, routing.Mode);
        Assert.Equal("ada", routing.ByCountry["germany"]);
        Assert.Equal("bob", routing.ByCountry["fr"]);
        Assert.Equal("carol", routing.DefaultOwner);
    }

    [Fact]
    public void Parse_RuleWithEveryPart_ReadsEachPart()
    {
        var policy = QualificationPolicy.Parse(Edit(p => p["mql"]![0] = new JsonObject
        {
            ["rule"] = "everything",
            ["fitAtLeast"] = 50,
            ["gradeIn"] = new JsonArray("A"),
            ["engagementAtLeast"] = -10,
            ["signalsAny"] = new JsonArray("corporate_email", "consent_marketing"),
            ["eventsAny"] = new JsonArray("webinar_attended"),
            ["eventsWithin"] = "7d",
            ["featureIn"] = new JsonObject { ["job_seniority"] = new JsonArray("c_level", "vp"), ["has_phone"] = new JsonArray("1") },
        }));

        var rule = Assert.Single(policy.MarketingQualified);
        Assert.Equal(50, rule.FitAtLeast);
        Assert.Equal(["A"], rule.GradeIn!);
        Assert.Equal(-10, rule.EngagementAtLeast);
        Assert.Equal([LeadSignal.ConsentMarketing, LeadSignal.CorporateEmail], rule.SignalsAny!.Order());
        Assert.Equal(["webinar_attended"], rule.EventsAny!);
        Assert.Equal(TimeSpan.FromDays(7), rule.EventsWithin);
        Assert.Equal(["c_level", "vp"], rule.FeatureIn!["job_seniority"].Order());
        Assert.Equal(["1"], rule.FeatureIn!["has_phone"]);
    }

    [Fact]
    public void Parse_Domains_LowerCased()
    {
        var policy = QualificationPolicy.Parse(Edit(p =>
        {
            p["competitorDomains"] = new JsonArray("Rival.COM", " rival.com ", "other.io");
            p["studentDomainSuffixes"] = new JsonArray(".EDU");
        }));

        Assert.Equal(["other.io", "rival.com"], policy.CompetitorDomains.Order());
        Assert.Equal([".edu"], policy.StudentDomainSuffixes);
    }

    [Fact]
    public void Parse_OptionalPartsLeftOut_Defaults()
    {
        var policy = QualificationPolicy.Parse(Edit(p =>
        {
            p.Remove("description");
            p.Remove("signedBy");
            p.Remove("competitorDomains");
            p.Remove("studentDomainSuffixes");
            p["sla"]!.AsObject().Remove("holidays");
            p["recycle"]!.AsObject().Remove("lostToNurtureAfter");
            p["sqlFastTrack"] = new JsonArray();
            p["disqualify"] = new JsonArray();
        }));

        Assert.Null(policy.Description);
        Assert.Empty(policy.SignedBy);
        Assert.Empty(policy.CompetitorDomains);
        Assert.Empty(policy.StudentDomainSuffixes);
        Assert.Empty(policy.SalesQualifiedFastTrack);
        Assert.Empty(policy.Disqualify);
        Assert.Null(policy.Recycle.LostToNurtureAfter);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_Accepted()
    {
        var json = QualificationPolicy.DefaultJson.Replace("\"signedBy\": [],", "// who agreed\n\"signedBy\": [\"Head of Sales\", \"Head of Marketing\",],");

        var policy = QualificationPolicy.Parse(json);

        Assert.Equal(["Head of Sales", "Head of Marketing"], policy.SignedBy);
    }

    private static string Edit(Action<JsonObject> edit)
    {
        var policy = JsonNode.Parse(QualificationPolicy.DefaultJson)!.AsObject();
        edit(policy);
        return policy.ToJsonString();
    }

    /// <summary>Sets the string at a simple path such as <c>$.sla.followUps.within</c> or <c>$.sqlFastTrack[1].eventsWithin</c>.</summary>
    private static void Set(JsonObject policy, string path, string value)
    {
        JsonNode node = policy;
        var parts = path[2..].Split('.');
        foreach (var part in parts[..^1])
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node[part]! : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        node[parts[^1]] = value;
    }

    private static JsonObject Hours(string start, string end) => new() { ["start"] = start, ["end"] = end };

    private static JsonObject Points() => new() { ["points"] = 1, ["maxPerPeriod"] = 1 };
}
