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
    public void Process_CustomFieldsOnLead_BoundedTo50Names()
    {
        var lead = Process(null, At(0, [.. Enumerable.Range(0, 20).Select(i => ($"a{i}", (string?)"x"))])).Lead;
        lead = Process(lead, At(1, [.. Enumerable.Range(0, 20).Select(i => ($"b{i}", (string?)"x"))])).Lead;

        lead = Process(lead, At(2, [.. Enumerable.Range(0, 20).Select(i => ($"c{i}", (string?)"x"))])).Lead;

        // 20 + 20 + 20 names offered, Lead.MaxCustomFields = 50: the first 50 stay, 10 new names are dropped.
        Assert.Equal(Lead.MaxCustomFields, lead.CustomFields.Count);
        Assert.True(lead.CustomFields.ContainsKey("c9"));
        Assert.False(lead.CustomFields.ContainsKey("c10"));
    }

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
        Assert.False(twice.EnteredSalesQualified);
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

        Assert.Equal(FunnelStage.SalesQualified, outcome.Lead.Stage);
        Assert.Equal(FunnelStage.Lead, lead.Stage);
        Assert.Equal(snapshot, lead);
        Assert.Null(lead.FirstName);
    }
}
