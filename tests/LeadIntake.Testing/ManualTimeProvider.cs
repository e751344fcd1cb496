namespace LeadIntake.Testing;

/// <summary>A clock that moves only when told: set or advance "now" (NodaTime's <c>FakeClock</c>).</summary>
/// <remarks>
/// <see cref="GetUtcNow"/> and <see cref="GetTimestamp"/> follow the manual time, so elapsed-time measurements agree with it.
/// Timers (<see cref="TimeProvider.CreateTimer"/>) are not faked: they run on real time. Thread-safe.
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _utcNow;

    /// <summary>A clock reading <paramref name="utcNow"/> (converted to UTC).</summary>
    public ManualTimeProvider(DateTimeOffset utcNow)
    {
        _utcNow = utcNow.ToUniversalTime();
    }

    /// <summary>A clock reading 2026-01-01T00:00:00Z.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _utcNow;
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Sets the clock to <paramref name="utcNow"/>; it may move backwards, as a real clock can.</summary>
    public void SetUtcNow(DateTimeOffset utcNow)
    {
        lock (_gate)
            _utcNow = utcNow.ToUniversalTime();
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
            _utcNow += delta;
    }
}
