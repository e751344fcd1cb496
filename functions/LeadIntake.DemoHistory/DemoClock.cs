namespace LeadIntake.DemoHistory;

/// <summary>The clock the demo history walks forward: one shared "now", and per lead the time of the event being applied.</summary>
/// <remarks>
/// The generator runs the leads of one step in parallel, each at its own event's time: <see cref="SetFlowTime"/> sets the time the
/// calling async flow (one lead's work and everything it awaits) reads, so a use case sees "now" = the moment its event happened.
/// Everything else (the SLA clock between steps) reads the shared time set by <see cref="SetUtcNow"/>. Timers and delays are not
/// faked: a use case's back-off waits real milliseconds. Thread-safe.
/// </remarks>
/// <param name="startAt">The shared time to start at.</param>
public sealed class DemoClock(DateTimeOffset startAt) : TimeProvider
{
    private readonly AsyncLocal<DateTimeOffset?> _flowNow = new();
    private long _utcTicks = startAt.UtcTicks;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _flowNow.Value ?? new DateTimeOffset(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Sets the shared time.</summary>
    public void SetUtcNow(DateTimeOffset utcNow) => Interlocked.Exchange(ref _utcTicks, utcNow.UtcTicks);

    /// <summary>Sets the time the calling async flow reads, until it sets another or ends (then its caller's time is back).</summary>
    public void SetFlowTime(DateTimeOffset at) => _flowNow.Value = at.ToUniversalTime();
}
