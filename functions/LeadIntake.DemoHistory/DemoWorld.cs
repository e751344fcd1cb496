using LeadIntake.Application.Activities;
using LeadIntake.Application.Capture;
using LeadIntake.Application.Sales;
using LeadIntake.Domain.Capture;

namespace LeadIntake.DemoHistory;

/// <summary>What the counters of a demo history count.</summary>
internal enum DemoCounter
{
    Submissions,
    BehaviourEvents,
    SalesEvents,
    SalesEventsRefused,
    Won,
    Lost,
}

/// <summary>What every lead of one demo history shares: the use cases, the clock, the options and the counters.</summary>
/// <remarks>Thread-safe: the use cases are, and the counters are interlocked.</remarks>
internal sealed class DemoWorld(
    DemoHistoryOptions options, DateTimeOffset startAt, DateTimeOffset endAt, DemoClock clock, LeadIdentity identity, CaptureLead capture, AcceptActivities activities,
    RecordSalesEvent sales, CommittedLeads leads)
{
    private readonly int[] _counts = new int[Enum.GetValues<DemoCounter>().Length];

    public DemoHistoryOptions Options { get; } = options;

    public DateTimeOffset EndAt { get; } = endAt;

    /// <summary>The SLA clock's first run at or after <paramref name="at"/>: it runs at the start plus whole steps.</summary>
    public DateTimeOffset ClockRunAtOrAfter(DateTimeOffset at) =>
        at <= startAt ? startAt : startAt + Options.Step * Math.Ceiling((at - startAt) / Options.Step);

    public DemoClock Clock { get; } = clock;

    public LeadIdentity Identity { get; } = identity;

    public CaptureLead Capture { get; } = capture;

    public AcceptActivities Activities { get; } = activities;

    public RecordSalesEvent Sales { get; } = sales;

    public CommittedLeads Leads { get; } = leads;

    public void Count(DemoCounter counter, int by = 1) => Interlocked.Add(ref _counts[(int)counter], by);

    public int this[DemoCounter counter] => Volatile.Read(ref _counts[(int)counter]);
}
