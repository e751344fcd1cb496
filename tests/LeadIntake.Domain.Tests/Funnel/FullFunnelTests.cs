using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Qualification;
using LeadIntake.Domain.Sales;
using LeadIntake.Domain.Sla;
using LeadIntake.Domain.Tests.Leads;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Domain.Tests.Funnel;

/// <summary>One lead through the whole funnel, the domain steps called as the use cases and the SLA clock call them.</summary>
public class FullFunnelTests
{
    private const string Sdr = "sdr@acme.com";
    private const string AccountExecutive = "ae@acme.com";

    // The default policy, but an MQL needs engagement 40 (a form alone, 20, is not enough) and German leads go to "berlin".
    private static readonly QualificationPolicy _policy = QualificationPolicy.Default with
    {
        Version = "policy-walk-1",
        MarketingQualified = [new QualificationRule("fit-and-engaged") { FitAtLeast = 40, EngagementAtLeast = 40 }],
        Handoff = new HandoffPolicy(
            FunnelStage.SalesAccepted, new OwnerRouting(RoutingMode.ByCountry, [], new Dictionary<string, string> { ["DE"] = "berlin" }, "emea")),
    };

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Walk_CaptureToWon_EveryStageAndChangeRecorded()
    {
        var clock = new FakeTimeProvider(TestLeads.T0);   // Sunday 2026-11-22 09:00 UTC
        var history = new List<StageChange>();
        var breaches = new List<SlaBreach>();
        var activities = new List<LeadActivity>();

        // 1. Capture: the form is received at T0 and processed two minutes later. Fit 55, engagement 20 (the form) < 40.
        var submission = TestLeads.Submit(clock.GetUtcNow(), ("email", "ana@acme.com"), ("firstName", "Ana"), ("company", "Acme"), ("country", "DE"));
        clock.Advance(TimeSpan.FromMinutes(2));
        var captured = LeadProcessor.Process(null, submission, new FixedScorer(55), _policy, [], clock.GetUtcNow());
        var lead = captured.Lead;
        history.AddRange(captured.Changes);
        activities.Add(new LeadActivity(submission.SubmissionId, EngagementPolicy.FormSubmission, submission.ReceivedAt, new Dictionary<string, string>()));
        Assert.Equal((FunnelStage.Lead, 20, false), (lead.Stage, lead.Engagement, captured.HandedOff));
        Assert.Equal((null, FunnelStage.Lead, "new lead"), (captured.Changes[0].From, captured.Changes[0].To, captured.Changes[0].Reason));

        // 2. Sunday 12:00 the lead attends a webinar (30): 20 × ½^(3 h / 720 h) + 30 = 49.94 → 50 ≥ 40: an MQL, due for
        // hand-off after the 24 h nurture period, Monday 12:00.
        clock.SetUtcNow(At(22, 12));
        activities.Add(PolicyLeads.Event("webinar_attended", clock.GetUtcNow(), "webinar-1"));
        var engaged = LeadQualifier.Evaluate(lead, activities, _policy, clock.GetUtcNow(), clock.GetUtcNow());
        lead = engaged.Lead;
        history.AddRange(engaged.Changes);
        var mql = Assert.Single(engaged.Changes);
        Assert.Equal((FunnelStage.Lead, FunnelStage.MarketingQualified, At(22, 12), "fit-and-engaged"), (mql.From!.Value, mql.To, mql.At, mql.Rule));
        Assert.Equal("MQL rule 'fit-and-engaged': fit 55 ≥ 40, engagement 50 ≥ 40", mql.Reason);
        Assert.Equal(At(23, 12), lead.HandoffDueAt);
        Assert.False(engaged.HandedOff);
        Assert.Empty(Sweep());   // nothing is due yet

        // 3. Monday 12:00 the nurture period ends: handed over to "berlin" (country DE). First response due 13:00 (1 business
        // hour); follow-ups: 5 h Monday + 32 h Tuesday–Friday + 3 h → Monday 30th 12:00.
        clock.SetUtcNow(At(23, 12));
        var handedOff = Assert.Single(Sweep());
        Assert.True(handedOff.HandedOff);
        Assert.Empty(handedOff.Changes);   // handoff.stage "SAL": still an MQL, now sales development's to accept
        Assert.Equal((At(23, 12), "berlin", FunnelStage.MarketingQualified), (lead.HandedOffAt, lead.Owner, lead.Stage));
        Assert.Equal(
            [new LeadDeadline(lead.LeadId, DeadlineKind.FirstResponse, At(23, 13)), new LeadDeadline(lead.LeadId, DeadlineKind.FollowUps, At(30, 12))],
            LeadDeadlines.Of(lead));

        // 4. Monday 13:30 nobody has called: the first-response deadline passed, one breach.
        clock.SetUtcNow(At(23, 13, 30));
        Sweep();
        var breach = Assert.Single(breaches);
        Assert.Equal($"{lead.LeadId}_first_response_20261123T130000Z", breach.BreachId);
        Assert.Equal(("berlin", FunnelStage.MarketingQualified, At(23, 13, 30), "policy-walk-1"), (breach.Owner, breach.Stage, breach.DetectedAt, breach.PolicyVersion));
        Sweep();
        Assert.Single(breaches);   // recorded once

        // 5. Monday 14:00 sales development accepts it: MQL → SAL.
        var accepted = Report(SalesEventType.Accepted, At(23, 14), Sdr);
        Assert.NotNull(accepted);
        Assert.Equal((FunnelStage.MarketingQualified, FunnelStage.SalesAccepted, $"accepted by {Sdr}", Sdr), (accepted.From!.Value, accepted.To, accepted.Reason, accepted.Actor));

        // 6. Contact attempts, spaced ≥ 4 h of business time to count: 14:05 (1, the first response); 15:00 (55 min: not
        // counted); Tuesday 10:05 (2 h 55 min + 1 h 05 min = 4 h: 2); Tuesday 15:00 connected (4 h 55 min: 3), which ends the
        // follow-up obligation.
        Assert.Null(Report(SalesEventType.ContactAttempt, At(23, 14, 5), Sdr));
        Assert.Equal((At(23, 14, 5), 1), (lead.FirstResponseAt, lead.FollowUpCount));
        Report(SalesEventType.ContactAttempt, At(23, 15), Sdr);
        Assert.Equal(1, lead.FollowUpCount);
        Report(SalesEventType.ContactAttempt, At(24, 10, 5), Sdr);
        Assert.Equal(2, lead.FollowUpCount);
        Report(SalesEventType.Connected, At(24, 15), Sdr);
        Assert.Equal((3, At(24, 15), (DateTimeOffset?)null), (lead.FollowUpCount, lead.ConnectedAt, lead.NextFollowUpDueAt));
        Assert.Empty(LeadDeadlines.Of(lead));

        // 7. Wednesday the account executive qualifies it (SAL → SQL), Thursday opens a 24,000 opportunity.
        var qualified = Report(SalesEventType.Qualified, At(25, 10), AccountExecutive);
        Assert.NotNull(qualified);
        Assert.Equal((FunnelStage.SalesAccepted, FunnelStage.SalesQualified, $"qualified by {AccountExecutive}"), (qualified.From!.Value, qualified.To, qualified.Reason));
        var opportunity = Report(SalesEventType.OpportunityCreated, At(26, 10), AccountExecutive, amount: 24_000m);
        Assert.NotNull(opportunity);
        Assert.Equal((FunnelStage.SalesQualified, FunnelStage.Opportunity, $"opportunity of 24000 opened by {AccountExecutive}"), (opportunity.From!.Value, opportunity.To, opportunity.Reason));

        // 8. The follow-up deadline (Monday 30th 12:00) passes: nothing to do, sales connected.
        clock.SetUtcNow(At(30, 13));
        Assert.Empty(Sweep());
        Assert.Single(breaches);

        // 9. Tuesday 2026-12-15 the deal is won at 26,500.
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 11, 0, 0, TimeSpan.Zero));
        var won = Report(SalesEventType.Won, clock.GetUtcNow(), AccountExecutive, amount: 26_500m);
        Assert.NotNull(won);
        Assert.Equal((FunnelStage.Opportunity, FunnelStage.Won, "won 26500"), (won.From!.Value, won.To, won.Reason));
        Assert.Equal(("won", clock.GetUtcNow(), 26_500m), (lead.Outcome, lead.OutcomeAt, lead.Amount));

        // The whole history: every stage once, in time order, each with who moved it, the fit and the policy version.
        Assert.Equal(
            [
                (null, FunnelStage.Lead, StageChange.PipelineActor),
                (FunnelStage.Lead, FunnelStage.MarketingQualified, StageChange.PipelineActor),
                (FunnelStage.MarketingQualified, FunnelStage.SalesAccepted, Sdr),
                (FunnelStage.SalesAccepted, FunnelStage.SalesQualified, AccountExecutive),
                (FunnelStage.SalesQualified, FunnelStage.Opportunity, AccountExecutive),
                ((FunnelStage?)FunnelStage.Opportunity, FunnelStage.Won, AccountExecutive),
            ],
            history.Select(c => (c.From, c.To, c.Actor)));
        Assert.Equal(history.Select(c => c.At).Order(), history.Select(c => c.At));
        Assert.All(history, c => Assert.Equal((55, FixedScorer.Version, "policy-walk-1"), (c.Score, c.ScoringModel, c.PolicyVersion)));
        Assert.Equal(FunnelStage.Won, lead.Stage);
        Assert.Empty(LeadDeadlines.Of(lead));

        // The SLA clock: acts on every deadline of the lead that is due by now, as the sweep does.
        List<DeadlineOutcome> Sweep()
        {
            var acted = new List<DeadlineOutcome>();
            foreach (var deadline in LeadDeadlines.Of(lead).Where(d => d.DueAt <= clock.GetUtcNow()))
            {
                var outcome = LeadDeadlines.Apply(lead, deadline, activities, _policy, clock.GetUtcNow());
                if (outcome.IsStale)
                    continue;
                lead = outcome.Lead;
                history.AddRange(outcome.Changes);
                if (outcome.Breach is { } b)
                    breaches.Add(b);
                acted.Add(outcome);
            }

            return acted;
        }

        // A sales event reported now (the clock moves to its time); returns the stage change it made, if any.
        StageChange? Report(SalesEventType type, DateTimeOffset at, string actor, decimal? amount = null)
        {
            clock.SetUtcNow(at);
            var outcome = SalesFeedback.Apply(lead, new SalesEvent($"crm-{history.Count}-{at.UtcTicks}", type, actor, at, null, amount, null), _policy);
            Assert.False(outcome.AlreadyApplied);
            lead = outcome.Lead;
            history.AddRange(outcome.Changes);
            Sweep();
            return outcome.Changes.SingleOrDefault();
        }
    }
}
