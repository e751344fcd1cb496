using System.Globalization;
using LeadIntake.Application.Activities;
using LeadIntake.Application.Capture;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Sales;
using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Sales;
using LeadIntake.Domain.Sla;

namespace LeadIntake.DemoHistory;

/// <summary>One lead's life in the demo: its form submissions and behaviour events, then what sales does once it is handed over.</summary>
/// <remarks>
/// Marketing's part is drawn up front; sales' part starts when the lead is seen handed over (at capture, after a batch of events,
/// or after the SLA clock ended its nurture period), from its <see cref="Domain.Leads.Lead.HandedOffAt"/>. Every step runs at its own
/// time on the <see cref="DemoClock"/>, through the use cases. A lead may run ahead of the SLA clock up to its next deadline: until
/// then the clock does nothing to it. Not thread-safe: the generator runs one lead's steps one at a time.
/// </remarks>
internal sealed class DemoLeadAgent
{
    private static readonly string[] s_lostReasons = ["price", "competitor", "no_decision", "timing"];
    private static readonly string[] s_disqualifyReasons = ["no_budget", "no_need", "wrong_fit"];

    private readonly DemoLead _lead;
    private readonly DemoWorld _world;
    private readonly PriorityQueue<Func<CancellationToken, Task>, (DateTimeOffset At, int Sequence)> _steps = new();
    private int _sequence;
    private string? _leadId;
    private DateTimeOffset? _scriptedHandoff;
    private int _cycle;

    public DemoLeadAgent(DemoLead lead, DemoWorld world)
    {
        _lead = lead;
        _world = world;
        PlanMarketing();
    }

    /// <summary>When the next step is due; null when the lead has nothing more to do.</summary>
    public DateTimeOffset? NextAt => _steps.TryPeek(out _, out var key) ? key.At : null;

    /// <summary>The earliest open deadline of the lead (<see cref="LeadDeadlines.Of"/>) as last read; null when it has none.</summary>
    public DateTimeOffset? NextDeadline { get; private set; }

    /// <summary>
    /// Runs, in time order, every step due before <paramref name="until"/> and before the SLA clock's first run at or after
    /// <see cref="NextDeadline"/>: what the lead does after that run must see what the run did to it. Steps may add steps.
    /// </summary>
    public async Task RunUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (_steps.TryPeek(out var step, out var key) && key.At < until && !(NextDeadline is { } deadline && key.At >= _world.ClockRunAtOrAfter(deadline)))
        {
            _steps.Dequeue();
            _world.Clock.SetFlowTime(key.At);
            await step(cancellationToken);
            Refresh();
        }
    }

    /// <summary>
    /// Looks at the lead as last committed, after it changed (its own step, or the SLA clock): a hand-off not scripted yet starts
    /// sales' part, and the earliest open deadline says when the lead next has to wait for the SLA clock.
    /// </summary>
    public void Refresh()
    {
        if (_leadId is null)
            return;
        var lead = _world.Leads.Latest(_leadId);
        if (lead?.HandedOffAt is { } handedOffAt && handedOffAt != _scriptedHandoff)
        {
            _scriptedHandoff = handedOffAt;
            PlanSales(handedOffAt, lead.Stage, lead.Owner ?? "sales@contoso-sales.com");
        }

        NextDeadline = lead is null ? null : LeadDeadlines.Of(lead).Select(d => (DateTimeOffset?)d.DueAt).Min();
    }

    private void At(DateTimeOffset at, Func<CancellationToken, Task> step)
    {
        if (at < _world.EndAt)
            _steps.Enqueue(step, (at, _sequence++));
    }

    private void PlanMarketing()
    {
        var random = DemoPopulation.RandomFor(_world.Options.Seed, _lead.Index, 1);
        var fit = Sigmoid(_lead.Quality);
        At(_lead.CapturedAt, ct => SubmitAsync(_lead.CapturedAt, _lead.Fields, ct));

        // Behaviour: more (and more telling) events from better leads; the tools post a lead's events in weekly batches, each at its last event.
        var count = random.Next(0, 3 + (int)Math.Round(4 * fit));
        var events = Enumerable.Range(0, count).Select(n =>
        {
            var at = _lead.CapturedAt + TimeSpan.FromDays(-Math.Log(1 - random.NextDouble()) * 12) + TimeSpan.FromMinutes(1);
            var type = DemoPopulation.Pick(random, BehaviourMix(fit), e => e.Share).Type;
            return new LeadActivity(string.Create(CultureInfo.InvariantCulture, $"web-{_lead.Index}-{n}"), type, Seconds(at), new Dictionary<string, string>());
        });
        foreach (var week in events.GroupBy(e => (e.At - _lead.CapturedAt).Days / 7))
        {
            var batch = week.OrderBy(e => e.At).ToList();
            At(batch[^1].At, ct => PostActivitiesAsync(batch, ct));
        }

        // Some come back through another form; a few have a new title by then (the first score keeps the old one).
        if (random.NextDouble() < 0.22)
        {
            var at = Seconds(_lead.CapturedAt + TimeSpan.FromDays(2 + random.NextDouble() * 40));
            var form = random.NextDouble() < 0.5 ? "pricing" : "webinar-signup";
            var promoted = random.NextDouble() < 0.3;
            var fields = _lead.Fields
                .Where(f => f.Name is not (LeadFieldNames.UtmSource or LeadFieldNames.UtmMedium or LeadFieldNames.UtmCampaign or LeadFieldNames.Gclid or LeadFieldNames.PageReferrer))
                .Select(f => f.Name switch
                {
                    LeadFieldNames.FormId => (f.Name, form),
                    LeadFieldNames.PageUrl => (f.Name, $"https://www.example.com/{form}"),
                    LeadFieldNames.JobTitle when promoted => (f.Name, "Head of Operations"),
                    _ => f,
                })
                .ToList();
            At(at, ct => SubmitAsync(at, fields, ct));
        }
    }

    private static (string Type, double Share)[] BehaviourMix(double fit) =>
    [
        ("email_open", 0.34), ("link_click", 0.2), ("content_download", 0.12), ("webinar_registered", 0.06), ("webinar_attended", 0.04),
        ("pricing_page_view", 0.04 + 0.08 * fit), ("comparison_page_view", 0.04), ("demo_request", 0.01 + 0.05 * fit),
        (LeadActivity.Unsubscribe, 0.05 * (1 - fit)), (LeadActivity.HardBounce, 0.004),
    ];

    private async Task SubmitAsync(DateTimeOffset at, IReadOnlyList<(string Name, string? Value)> fields, CancellationToken cancellationToken)
    {
        var parsed = LeadSubmissionParser.Parse(
            RawLeadForm.From([.. fields]), new CaptureContext(at, DemoHistory.UserAgent, fields.FirstOrDefault(f => f.Name == LeadFieldNames.PageUrl).Value, null),
            _world.Identity, LeadCaptureLimits.Default);
        var submission = parsed.Value ?? throw new InvalidOperationException(
            $"Demo lead {_lead.Index} is not a valid submission: {string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
        _leadId = submission.LeadId;
        await _world.Capture.AcceptAsync(submission, cancellationToken);
        _world.Count(DemoCounter.Submissions);
    }

    private async Task PostActivitiesAsync(IReadOnlyList<LeadActivity> batch, CancellationToken cancellationToken)
    {
        await _world.Activities.AcceptAsync([.. batch.Select(e => (_leadId!, e))], cancellationToken);
        _world.Count(DemoCounter.BehaviourEvents, batch.Count);
    }

    // What sales does with a hand-off; each step is drawn from the lead's quality. A step the funnel no longer allows (the
    // SLA clock moved the lead meanwhile) ends the cycle.
    private void PlanSales(DateTimeOffset handedOffAt, FunnelStage stage, string rep)
    {
        var cycle = ++_cycle;
        var random = DemoPopulation.RandomFor(_world.Options.Seed, _lead.Index, 2 + cycle);
        var q = _lead.Quality;
        var hours = DemoHistory.Policy.Sla.Hours;
        var plan = new List<SalesEvent>();
        DateTimeOffset Later(DateTimeOffset from, double minHours, double maxHours) =>
            Seconds(BusinessCalendar.AddBusinessTime(from, TimeSpan.FromHours(minHours + random.NextDouble() * (maxHours - minHours)), hours));
        void Add(SalesEventType type, DateTimeOffset at, string? reason = null, decimal? amount = null) =>
            plan.Add(new SalesEvent(string.Create(CultureInfo.InvariantCulture, $"crm-{_lead.Index}-{cycle}-{plan.Count}"), type, rep, at, reason, amount, null));

        // First response: most within the hour, some late, a few never (the SLA clock records those breaches).
        var response = random.NextDouble();
        DateTimeOffset? first = response < 0.7 ? Later(handedOffAt, 0.05, 0.9) : response < 0.93 ? Later(handedOffAt, 1.2, 10) : null;
        if (first is { } firstAt)
        {
            var accepted = stage != FunnelStage.MarketingQualified || random.NextDouble() < Sigmoid(1.5 + q);
            if (stage == FunnelStage.MarketingQualified)
                Add(accepted ? SalesEventType.Accepted : SalesEventType.Rejected, firstAt, accepted ? null : "not_sales_ready");
            if (accepted)
                PlanConversation(random, stage, firstAt, q, Later, Add);
        }

        foreach (var salesEvent in plan)
            At(salesEvent.At, ct => ReportAsync(salesEvent, cycle, ct));
    }

    private static void PlanConversation(
        Random random, FunnelStage stage, DateTimeOffset firstAt, double q, Func<DateTimeOffset, double, double, DateTimeOffset> later,
        Action<SalesEventType, DateTimeOffset, string?, decimal?> add)
    {
        // Up to three contacts, at least four working hours apart, until sales gets through.
        var attempts = random.NextDouble() < 0.85 ? 3 : 2;
        var at = firstAt;
        DateTimeOffset? connectedAt = null;
        for (var attempt = 0; attempt < attempts && connectedAt is null; attempt++)
        {
            if (attempt > 0)
                at = later(at, 4.2, 12);
            var reached = random.NextDouble() < Sigmoid(1.0 + 0.3 * q);
            add(reached ? (random.NextDouble() < 0.3 ? SalesEventType.MeetingBooked : SalesEventType.Connected) : SalesEventType.ContactAttempt, at, null, null);
            connectedAt = reached ? at : null;
        }

        if (connectedAt is not { } talkedAt)
            return;
        at = later(talkedAt, 4, 40);
        var qualifies = stage == FunnelStage.SalesQualified ? random.NextDouble() >= Sigmoid(-1.2 - q) : random.NextDouble() < Sigmoid(1.2 + 0.4 * q);
        if (!qualifies)
        {
            if (random.NextDouble() < 0.7)
                add(SalesEventType.Disqualified, at, s_disqualifyReasons[random.Next(s_disqualifyReasons.Length)], null);
            return;
        }

        if (stage != FunnelStage.SalesQualified)
            add(SalesEventType.Qualified, at, null, null);
        at = later(at, 8, 60);
        if (random.NextDouble() >= Sigmoid(1.6 + 0.3 * q))
        {
            if (random.NextDouble() < 0.5)
                add(SalesEventType.Disqualified, at, "no_budget", null);
            return;
        }

        var amount = Math.Round((decimal)(12_000 * Math.Exp(0.5 * DemoPopulation.Gaussian(random) + 0.2 * q)), 0);
        add(SalesEventType.OpportunityCreated, at, null, amount);
        at = later(at, 24, 200);
        if (random.NextDouble() < Sigmoid(-2.0 + 2.6 * q))
            add(SalesEventType.Won, at, null, Math.Round(amount * (decimal)(0.85 + 0.3 * random.NextDouble()), 0));
        else
            add(SalesEventType.Lost, at, s_lostReasons[random.Next(s_lostReasons.Length)], null);
    }

    private async Task ReportAsync(SalesEvent salesEvent, int cycle, CancellationToken cancellationToken)
    {
        if (cycle != _cycle)
            return;
        try
        {
            await _world.Sales.RunAsync(_leadId!, salesEvent, cancellationToken);
            _world.Count(DemoCounter.SalesEvents);
            if (salesEvent.Type == SalesEventType.Won)
                _world.Count(DemoCounter.Won);
            if (salesEvent.Type == SalesEventType.Lost)
                _world.Count(DemoCounter.Lost);
        }
        catch (FunnelTransitionException)
        {
            // The SLA clock moved the lead on (follow-ups exhausted): this cycle is over.
            _cycle++;
            _world.Count(DemoCounter.SalesEventsRefused);
        }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
