namespace LeadIntake.DemoHistory;

/// <summary>What demo history to write: how many leads, over how many months up to when, from which seed.</summary>
/// <remarks>Same options and seed → the same leads, events and decisions (lead ids depend on <see cref="DemoHistory.IdentitySecret"/> only).</remarks>
public sealed record DemoHistoryOptions
{
    /// <summary>The default number of leads (about 250 a month over six months).</summary>
    public const int DefaultLeads = 1500;

    /// <summary>Leads to capture over the whole history.</summary>
    public int Leads { get; init; } = DefaultLeads;

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Length of the history in calendar months, ending at <see cref="EndAt"/>.</summary>
    public int Months { get; init; } = 6;

    /// <summary>When the history ends; <see langword="null"/>: now, by the real clock, to the hour.</summary>
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>Leads worked on at once within a step of the clock.</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>How far the clock moves per step; the SLA clock runs after every step, as its timer would.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromHours(1);
}
