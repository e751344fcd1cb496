using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Domain.Tests.Leads;

public partial class LeadProcessorTests
{
    [Fact]
    public void Process_LaterSubmission_NonEmptyWinsEmptyNeverErases()
    {
        var first = Process(null, At(0, ("firstName", "Ana"), ("company", "Acme"), ("phone", "+49 30 1234567"), ("message", "hi"))).Lead;

        var lead = Process(first, At(10, ("firstName", "Anna"), ("company", "  "), ("country", "DE"))).Lead;

        Assert.Equal("Anna", lead.FirstName);                 // later non-empty wins
        Assert.Equal("Acme", lead.Company);                   // empty never erases
        Assert.Equal("+49 30 1234567", lead.Phone);           // absent never erases
        Assert.Equal("hi", lead.Message);
        Assert.Equal("DE", lead.Country);
        Assert.Equal(2, lead.SubmissionCount);
        Assert.Equal(TestLeads.T0, lead.FirstSeenAt);
        Assert.Equal(TestLeads.T0.AddMinutes(10), lead.LastSeenAt);
    }

    [Fact]
    public void Process_Consent_LatestExplicitValueKept()
    {
        var lead = Process(null, At(0, ("consentMarketing", "yes"))).Lead;
        Assert.True(lead.ConsentMarketing);

        lead = Process(lead, At(1)).Lead;                               // not posted: not an answer
        Assert.True(lead.ConsentMarketing);

        lead = Process(lead, At(2, ("consent_marketing", "off"))).Lead; // explicit withdrawal
        Assert.False(lead.ConsentMarketing);

        lead = Process(lead, At(3, ("consent_marketing", ""))).Lead;    // empty: not an answer
        Assert.False(lead.ConsentMarketing);
    }

    // Each row: the flag's value in submissions at minutes 0, 1, 2 (null = field not posted) → the lead's value and
    // whether an explicit answer was recorded (FieldUpdatedAt). False is the lead's default, never "unknown".
    [Theory]
    [InlineData(null, null, null, false, false)]      // never asked: false, nothing recorded
    [InlineData("yes", null, null, true, true)]
    [InlineData("yes", "no", null, false, true)]      // withdrawal
    [InlineData("yes", "no", "yes", true, true)]      // given again
    [InlineData("no", null, null, false, true)]       // explicit no: false, and recorded as an answer
    [InlineData("no", "yes", null, true, true)]
    [InlineData(null, "yes", null, true, true)]
    [InlineData("yes", null, "", true, true)]         // empty is not an answer
    public void Process_Flags_FalseUntilYesLaterExplicitAnswerWins(string? at0, string? at1, string? at2, bool expected, bool recorded)
    {
        Lead? lead = null;
        string?[] answers = [at0, at1, at2];
        for (var minute = 0; minute < answers.Length; minute++)
        {
            var fields = answers[minute] is { } answer ? new[] { ("consentMarketing", (string?)answer), ("contactRequested", answer) } : [];
            lead = Process(lead, At(minute, fields)).Lead;
        }

        Assert.Equal(expected, lead!.ConsentMarketing);
        Assert.Equal(expected, lead.ContactRequested);
        Assert.Equal(recorded, lead.FieldUpdatedAt.ContainsKey(LeadFieldNames.ConsentMarketing));
        Assert.Equal(recorded, lead.FieldUpdatedAt.ContainsKey(LeadFieldNames.ContactRequested));
    }

    [Fact]
    public void Process_OlderYesArrivesLateAfterNewerNo_WithdrawalStands()
    {
        var lead = Process(null, At(10, ("consentMarketing", "no"), ("contactRequested", "no"))).Lead;

        lead = Process(lead, At(0, ("consentMarketing", "yes"), ("contactRequested", "yes"))).Lead;

        Assert.False(lead.ConsentMarketing);
        Assert.False(lead.ContactRequested);
    }

    [Fact]
    public void Process_OlderYesArrivesLateNeverAnswered_FillsGap()
    {
        var lead = Process(null, At(10)).Lead;

        lead = Process(lead, At(0, ("consentMarketing", "yes"))).Lead;

        Assert.True(lead.ConsentMarketing);
    }

    [Theory]
    [InlineData(true, "no", true)]     // a stored yes without a time counts as of LastSeenAt: the older no does not undo it
    [InlineData(false, "yes", true)]   // a stored false without a time is the default, not an answer: the older yes fills it
    public void Process_RehydratedFlagWithoutTime_OlderAnswer(bool stored, string olderAnswer, bool expected)
    {
        var lead = new Lead
        {
            LeadId = TestLeads.Identity.LeadIdFor("ana@acme.com"),
            Email = "ana@acme.com",
            ConsentMarketing = stored,
            FirstSeenAt = TestLeads.T0.AddMinutes(5),
            LastSeenAt = TestLeads.T0.AddMinutes(5),
            SubmissionCount = 1,
        };

        lead = Process(lead, At(0, ("consentMarketing", olderAnswer))).Lead;

        Assert.Equal(expected, lead.ConsentMarketing);
    }

    [Fact]
    public void Process_EmailCaseChanges_SameLeadLatestSpelling()
    {
        var lead = Process(null, At(0)).Lead;
        var s = TestLeads.Submit(TestLeads.T0.AddMinutes(1), ("email", "Ana@ACME.com"));

        var merged = Process(lead, s).Lead;

        Assert.Equal(lead.LeadId, s.LeadId);
        Assert.Equal("Ana@acme.com", merged.Email);
    }

    [Fact]
    public void Process_CustomFields_MergedLaterWins()
    {
        var lead = Process(null, At(0, ("budget", "10k"), ("team", "5"))).Lead;

        lead = Process(lead, At(1, ("Budget", "50k"), ("region", "EMEA"))).Lead;

        Assert.Equal(3, lead.CustomFields.Count);
        Assert.Equal("50k", lead.CustomFields["budget"]);
        Assert.Equal("5", lead.CustomFields["team"]);
        Assert.Equal("EMEA", lead.CustomFields["region"]);
    }

    [Fact]
    public void Process_CustomFields_OrderedLeastRecentlySetFirst()
    {
        var lead = Process(null, At(0, ("budget", "10k"), ("team", "5"))).Lead;

        lead = Process(lead, At(1, ("Budget", "50k"), ("region", "EMEA"))).Lead;

        Assert.Equal(["team", "Budget", "region"], lead.CustomFields.Keys);
    }

    [Fact]
    public void Process_CustomFieldsOnLead_BoundedTo50NamesLeastRecentlySetDropped()
    {
        var lead = Process(null, At(0, Fields("a", 20, "x"))).Lead;
        lead = Process(lead, At(1, Fields("b", 20, "x"))).Lead;

        lead = Process(lead, At(2, Fields("c", 20, "x"))).Lead;

        // 60 names offered, Lead.MaxCustomFields = 50: the 10 set longest ago (a0–a9) go; the newest 20 all stay.
        Assert.Equal(
            [.. Names("a", 20).Skip(10), .. Names("b", 20), .. Names("c", 20)],
            lead.CustomFields.Keys);
    }

    [Fact]
    public void Process_CustomFieldSetAgain_MovesToEndAndSurvives()
    {
        var lead = Process(null, At(0, Fields("a", 20, "x"))).Lead;
        lead = Process(lead, At(1, Fields("b", 20, "x"))).Lead;

        lead = Process(lead, At(2, [("a0", "again"), .. Fields("c", 19, "x")])).Lead;

        // 59 names: the 9 least recently set go, and a0 was just set again, so a1–a9 go.
        Assert.Equal(50, lead.CustomFields.Count);
        Assert.Equal("again", lead.CustomFields["a0"]);
        Assert.False(lead.CustomFields.ContainsKey("a9"));
        Assert.True(lead.CustomFields.ContainsKey("a10"));
    }

    [Fact]
    public void Process_ThreeSubmissionsOf20LongFields_StoredLengthBoundedNewestAllKept()
    {
        var value = new string('v', 1000);
        var lead = Process(null, At(0, Fields("a", 20, value))).Lead;
        lead = Process(lead, At(1, Fields("b", 20, value))).Lead;

        lead = Process(lead, At(2, Fields("c", 20, value))).Lead;

        // Entries: "c0":"v…" = 4 + 1 + 1002 = 1007 (c0–c9), 1008 with a 3-character name (c10–c19). The 20 newest
        // take 2 + 20,150 + 19 commas = 20,171, leaving 9,829 of the 30,000. Each older 3-character field costs
        // 1,009 with its comma: 9 fit (9,081), 10 do not (10,090). So b11–b19 stay, the most recently set older ones:
        // 20,171 + 9,081 = 29,252.
        Assert.True(CustomFieldsSize.StoredLength(lead.CustomFields) <= LeadCaptureLimits.MaxCustomFieldsStoredLength);
        Assert.Equal(29_252, CustomFieldsSize.StoredLength(lead.CustomFields));
        Assert.Equal([.. Names("b", 20).Skip(11), .. Names("c", 20)], lead.CustomFields.Keys);
        Assert.All(Names("c", 20), name => Assert.Equal(value, lead.CustomFields[name]));
    }

    [Fact]
    public void Process_OlderSubmissionLateWithCustomFields_FillsOnlyWhatFitsNeverDisplaces()
    {
        var value = new string('v', 1000);
        var lead = Process(null, At(10, Fields("b", 20, value))).Lead;
        lead = Process(lead, At(20, Fields("c", 20, value))).Lead;
        var before = lead.CustomFields.ToArray();

        lead = Process(lead, At(0, ("big0", value), ("c0", "older value"), ("tiny", "x"))).Lead;

        // 29,252 stored before (as above). big0 would add 1,009 (over 30,000): dropped. c0 is newer: kept.
        // tiny adds 6 + 1 + 3 + 1 = 11: added, at the front (older than everything else).
        Assert.Equal([new KeyValuePair<string, string>("tiny", "x"), .. before], lead.CustomFields);
        Assert.Equal(29_263, CustomFieldsSize.StoredLength(lead.CustomFields));
    }

    [Fact]
    public void Process_StoredMapOverBounds_TrimmedLeastRecentlySetFirst()
    {
        // A row written before the bounds existed: 55 names.
        var stored = new Lead
        {
            LeadId = TestLeads.Identity.LeadIdFor("ana@acme.com"),
            Email = "ana@acme.com",
            CustomFields = Names("old", 55).ToDictionary(name => name, _ => "x"),
            FirstSeenAt = TestLeads.T0.AddMinutes(5),
            LastSeenAt = TestLeads.T0.AddMinutes(5),
            SubmissionCount = 1,
        };

        var lead = Process(stored, At(0)).Lead;

        Assert.Equal(Names("old", 55).Skip(5), lead.CustomFields.Keys);
    }

    private static IEnumerable<string> Names(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i}");

    private static (string Name, string? Value)[] Fields(string prefix, int count, string value) =>
        [.. Names(prefix, count).Select(name => (name, (string?)value))];

    [Fact]
    public void Process_SameSubmissionTwice_AlreadyProcessedNothingChanges()
    {
        var s = At(0, ("firstName", "Ana"), ("contactRequested", "yes"));
        var once = Process(null, s, score: 80);

        var twice = Process(once.Lead, s, score: 80);

        Assert.True(twice.AlreadyProcessed);
        Assert.Same(once.Lead, twice.Lead);
        Assert.Empty(twice.Changes);
        Assert.Null(twice.Score);
        Assert.Null(twice.Features);
        Assert.False(twice.HasScore);
        Assert.False(twice.HandedOff);
        Assert.True(once.HandedOff);                                      // contact requested: the fast track handed it over once
        Assert.Equal(1, twice.Lead.SubmissionCount);
        Assert.Equal(FunnelStage.SalesQualified, twice.Lead.Stage);
    }

    [Fact]
    public void Process_RedeliveredAfterOtherSubmissions_StillRecognised()
    {
        var s1 = At(0);
        var lead = Process(null, s1).Lead;
        for (var i = 1; i < Lead.MaxRecentSubmissionIds; i++)
        {
            lead = Process(lead, At(i)).Lead;
        }

        // 49 later submissions: s1 is still among the 50 remembered ids.
        var again = Process(lead, s1);

        Assert.True(again.AlreadyProcessed);
        Assert.Equal(Lead.MaxRecentSubmissionIds, lead.SubmissionCount);
    }

    [Fact]
    public void Process_ManySubmissions_RecentIdsBoundedToLatest50()
    {
        var submissions = Enumerable.Range(0, 55).Select(i => At(i)).ToArray();
        Lead? lead = null;
        foreach (var s in submissions)
        {
            lead = Process(lead, s).Lead;
        }

        Assert.Equal(55, lead!.SubmissionCount);
        Assert.Equal(submissions.Skip(5).Select(s => s.SubmissionId), lead.RecentSubmissionIds);
    }

    [Fact]
    public void Process_FirstFormId_IsTheEarliestSubmissionsForm()
    {
        var first = At(0, ("formId", "webinar"));
        var later = At(30, ("formId", "pricing"));
        var older = At(-10, ("formId", "newsletter"));

        var lead = Process(Process(null, first).Lead, later).Lead;
        var late = Process(lead, older).Lead;

        Assert.Equal(("webinar", "pricing"), (lead.FirstFormId, lead.FormId));
        Assert.Equal(("newsletter", "pricing"), (late.FirstFormId, late.FormId));   // an older submission processed late was first
    }

    [Fact]
    public void Process_OlderSubmissionArrivesLate_FillsGapsOnlyAndKeepsLatestTimes()
    {
        var older = At(0, ("firstName", "Old"), ("country", "DE"), ("utm_source", "google"), ("utm_medium", "cpc"), ("consentMarketing", "no"));
        var newer = At(30, ("firstName", "New"), ("utm_source", "newsletter"), ("utm_medium", "email"), ("consentMarketing", "yes"));
        var lead = Process(null, newer).Lead;

        lead = Process(lead, older).Lead;

        Assert.Equal("New", lead.FirstName);                               // newer value not overwritten
        Assert.Equal("DE", lead.Country);                                  // gap filled by the older submission
        Assert.True(lead.ConsentMarketing);                                // newer explicit answer stands
        Assert.Equal(newer.ReceivedAt, lead.LastSeenAt);
        Assert.Equal(older.ReceivedAt, lead.FirstSeenAt);
        Assert.Equal(MarketingChannel.Email, lead.LastTouch!.Channel);     // last touch stays the newer one
        Assert.Equal(MarketingChannel.PaidSearch, lead.FirstTouch!.Channel); // the older one really was first
        Assert.Equal(MarketingChannel.PaidSearch, lead.Channel);
        Assert.Equal(2, lead.SubmissionCount);
    }

    [Fact]
    public void Process_ThreeSubmissionsOutOfOrder_EachFieldFromLatestSubmissionThatHadIt()
    {
        // t0: company A; t20: no company; t10 (processed last): company B. Latest non-empty company is B (t10 > t0).
        var lead = Process(null, At(0, ("company", "A"))).Lead;
        lead = Process(lead, At(20, ("firstName", "Ana"))).Lead;

        lead = Process(lead, At(10, ("company", "B"), ("firstName", "Old"))).Lead;

        Assert.Equal("B", lead.Company);
        Assert.Equal("Ana", lead.FirstName);   // t20 beats t10
        Assert.Equal(TestLeads.T0.AddMinutes(10), lead.FieldUpdatedAt[LeadFieldNames.Company]);
    }

    [Fact]
    public void Process_RehydratedLeadWithoutFieldTimes_OlderSubmissionDoesNotOverwrite()
    {
        // A lead stored without FieldUpdatedAt: its values count as of LastSeenAt.
        var stored = new Lead
        {
            LeadId = TestLeads.Identity.LeadIdFor("ana@acme.com"),
            Email = "ana@acme.com",
            Company = "Stored Inc",
            FirstSeenAt = TestLeads.T0.AddMinutes(5),
            LastSeenAt = TestLeads.T0.AddMinutes(5),
            SubmissionCount = 1,
        };

        var lead = Process(stored, At(0, ("company", "Older Inc"), ("lastName", "Lopez"))).Lead;

        Assert.Equal("Stored Inc", lead.Company);
        Assert.Equal("Lopez", lead.LastName);
    }

    [Fact]
    public void Process_DirectRevisit_LastTouchKeepsCampaign()
    {
        var lead = Process(null, At(0, ("utm_source", "newsletter"), ("utm_medium", "email"))).Lead;

        lead = Process(lead, At(5)).Lead;

        Assert.Equal(new Touch("newsletter", "email", null, MarketingChannel.Email, TestLeads.T0), lead.LastTouch);
        Assert.Equal(lead.FirstTouch, lead.LastTouch);
    }

    [Fact]
    public void Process_NewCampaignTouch_LastTouchMovesFirstTouchStays()
    {
        var lead = Process(null, At(0)).Lead;

        lead = Process(lead, At(5, ("utm_source", "linkedin"), ("utm_medium", "paid_social"))).Lead;

        Assert.Equal(MarketingChannel.Direct, lead.FirstTouch!.Channel);
        Assert.Equal(new Touch("linkedin", "paid_social", null, MarketingChannel.Social, TestLeads.T0.AddMinutes(5)), lead.LastTouch);
    }

    [Fact]
    public void Process_InputLead_NeverModified()
    {
        var lead = Process(null, At(0)).Lead;
        var snapshot = lead with { };

        var outcome = Process(lead, At(5, ("firstName", "Ana")), score: 90);

        // Fit 90 ≥ 40 and the submission's 20 engagement points ≥ 20: an MQL (a score alone never fast-tracks).
        Assert.Equal(FunnelStage.MarketingQualified, outcome.Lead.Stage);
        Assert.Equal(FunnelStage.Lead, lead.Stage);
        Assert.Equal(snapshot, lead);
        Assert.Null(lead.FirstName);
    }
}
