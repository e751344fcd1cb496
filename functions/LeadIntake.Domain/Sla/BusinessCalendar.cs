namespace LeadIntake.Domain.Sla;

/// <summary>Business-time arithmetic for the sales SLA clock: adding and measuring working time.</summary>
/// <remarks>
/// <para>
/// <b>Working periods.</b> A working period is the local wall-clock interval
/// [<see cref="BusinessHours.Start"/>, <see cref="BusinessHours.End"/>) in <see cref="BusinessHours.TimeZone"/>,
/// on every local date whose day is in <see cref="BusinessHours.WorkingDays"/> and which is not in
/// <see cref="BusinessHours.Holidays"/>. Each bound is turned into an instant and the period is measured there, in
/// real elapsed time: a working day that contains a DST change inside its hours is shorter (spring) or longer
/// (autumn) than <see cref="BusinessHours.WorkingDayLength"/>.
/// </para>
/// <para>
/// <b>DST rule: skip forward, take the earlier</b> (NodaTime's <c>InZoneLeniently</c>). A local time that does not
/// exist (inside a spring-forward gap) is moved forward by the length of the gap: in Europe/Berlin on 2026-03-29,
/// 02:30 is read as 03:30 CEST (01:30 UTC). A local time that occurs twice (inside an autumn overlap) is the
/// earlier of its two instants: in Europe/Berlin on 2026-10-25, 02:30 is 02:30 CEST (00:30 UTC), not CET. When
/// that rule maps a period's end to an instant no later than its start (a period shorter than the gap, starting
/// inside it), the day has no working time.
/// </para>
/// <para>
/// <b>Instants.</b> Inputs may carry any offset; they are compared as instants. Results are UTC (offset zero).
/// Pure and thread-safe.
/// </para>
/// </remarks>
public static class BusinessCalendar
{
    /// <summary>How many days in a row without working time <see cref="AddBusinessTime"/> searches before it gives up.</summary>
    /// <remarks>Three years: more than any real holiday list leaves idle, and a bound on a misconfigured calendar.</remarks>
    internal const int MaxIdleDays = 3 * 366;

    // The last local date whose period can be turned into an instant in any zone: UTC offsets reach −12:00, so a
    // period on 9999-12-31 may end after DateTimeOffset.MaxValue.
    private static readonly DateOnly _lastSearchDate = new(9999, 12, 30);

    /// <summary>The instant <paramref name="duration"/> of working time after <paramref name="startAt"/>.</summary>
    /// <param name="startAt">When the clock starts, e.g. a lead's handoff; any offset.</param>
    /// <param name="duration">Working time to add; zero or more.</param>
    /// <param name="hours">The team's working time.</param>
    /// <returns>The deadline, in UTC.</returns>
    /// <remarks>
    /// A start outside working time begins counting at the next working period's start. A zero duration returns
    /// <paramref name="startAt"/> itself (as UTC) when it is inside working time, else the next working period's
    /// start. A duration that uses up a period exactly ends at that period's end (17:00, not the next morning).
    /// Periods, real elapsed time and the DST rule are as in the <see cref="BusinessCalendar"/> remarks.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="hours"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="duration"/> is negative, or the deadline would fall after the year 9999.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// No working time in three years of consecutive days (1,098), e.g. when holidays cover every working day.
    /// </exception>
    public static DateTimeOffset AddBusinessTime(DateTimeOffset startAt, TimeSpan duration, BusinessHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);

        var cursor = startAt.ToUniversalTime();
        if (duration > DateTimeOffset.MaxValue - cursor)
        {
            throw BeyondCalendar(duration); // working time never runs faster than real time
        }

        var remaining = duration;
        var idleDays = 0;
        // From the day before: with a gap at local midnight, the previous date's period can end after startAt.
        for (var date = FirstCandidateDate(cursor, hours); ; date = date.AddDays(1))
        {
            if (date > _lastSearchDate)
            {
                throw BeyondCalendar(duration);
            }

            if (TryGetPeriod(date, hours, out var periodStartAt, out var periodEndAt) && periodEndAt > cursor)
            {
                idleDays = 0;
                var from = periodStartAt > cursor ? periodStartAt : cursor;
                var available = periodEndAt - from;
                if (remaining <= available)
                {
                    return from + remaining;
                }

                remaining -= available;
                cursor = periodEndAt;
            }
            else if (++idleDays > MaxIdleDays)
            {
                throw new InvalidOperationException(
                    $"No working time within {MaxIdleDays} consecutive days (3 years) up to {date:yyyy-MM-dd} in " +
                    $"{hours.TimeZone.Id}: do the holidays cover every working day ({string.Join(", ", hours.WorkingDays.Order())})?");
            }
        }
    }

    /// <summary>Working time elapsed between two instants.</summary>
    /// <param name="startAt">Start of the interval; any offset.</param>
    /// <param name="endAt">End of the interval; any offset.</param>
    /// <param name="hours">The team's working time.</param>
    /// <returns>
    /// The real elapsed time of [<paramref name="startAt"/>, <paramref name="endAt"/>) that lies in working periods;
    /// zero when <paramref name="endAt"/> is not after <paramref name="startAt"/>.
    /// </returns>
    /// <remarks>
    /// The inverse of <see cref="AddBusinessTime"/>: for any start, inside working time or not,
    /// <c>BusinessTimeBetween(s, AddBusinessTime(s, d, h), h) == d</c>. Periods and the DST rule are as in the
    /// <see cref="BusinessCalendar"/> remarks.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="hours"/> is null.</exception>
    public static TimeSpan BusinessTimeBetween(DateTimeOffset startAt, DateTimeOffset endAt, BusinessHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var cursor = startAt.ToUniversalTime();
        var until = endAt.ToUniversalTime();
        if (until <= cursor)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var lastDate = LocalDate(until, hours);
        for (var date = FirstCandidateDate(cursor, hours); date <= lastDate; date = date.AddDays(1))
        {
            if (!TryGetPeriod(date, hours, out var periodStartAt, out var periodEndAt))
            {
                continue;
            }

            // The cursor never goes back, so periods that overlap in UTC (a gap at local midnight) count once.
            var from = periodStartAt > cursor ? periodStartAt : cursor;
            var to = periodEndAt < until ? periodEndAt : until;
            if (to > from)
            {
                total += to - from;
                cursor = to;
            }
        }

        return total;
    }

    /// <summary>True when <paramref name="at"/> falls inside a working period.</summary>
    /// <param name="at">The instant to test; any offset.</param>
    /// <param name="hours">The team's working time.</param>
    /// <remarks>
    /// Periods are half-open: the opening instant is working time, the closing instant is not. Periods and the DST
    /// rule are as in the <see cref="BusinessCalendar"/> remarks.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="hours"/> is null.</exception>
    public static bool IsWorkingTime(DateTimeOffset at, BusinessHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var instant = at.ToUniversalTime();
        var date = LocalDate(instant, hours);
        // The previous date too: with a gap at local midnight, its period can end after local midnight.
        return (date > DateOnly.MinValue && Contains(date.AddDays(-1), instant, hours)) || Contains(date, instant, hours);
    }

    /// <summary>
    /// The UTC instant of a local date and time in <paramref name="zone"/>, skipping forward and taking the earlier
    /// (NodaTime's <c>InZoneLeniently</c>).
    /// </summary>
    /// <param name="date">The local date.</param>
    /// <param name="time">The local wall-clock time.</param>
    /// <param name="zone">The zone the wall clock is in.</param>
    /// <returns>The instant, offset zero.</returns>
    /// <remarks>
    /// A time inside a spring-forward gap is moved forward by the gap's length (it is read with the offset in force
    /// before the gap); a time inside an autumn overlap is the earlier of its two instants (the larger offset).
    /// </remarks>
    internal static DateTimeOffset InZoneLeniently(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else if (zone.IsInvalidTime(local))
        {
            // Read the wall time with the offset before the gap. UTC offsets are at most +14:00, so the instant
            // 14 hours before the wall reading is before the transition (and, transitions being months apart, after
            // the previous one).
            offset = zone.GetUtcOffset(new DateTimeOffset(local.Ticks, TimeSpan.Zero).AddHours(-14));
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The working period of <paramref name="date"/> as instants; false on a non-working or empty day.</summary>
    private static bool TryGetPeriod(DateOnly date, BusinessHours hours, out DateTimeOffset startAt, out DateTimeOffset endAt)
    {
        if (!hours.IsWorkingDate(date))
        {
            startAt = endAt = default;
            return false;
        }

        startAt = InZoneLeniently(date, hours.Start, hours.TimeZone);
        endAt = InZoneLeniently(date, hours.End, hours.TimeZone);
        return endAt > startAt;
    }

    private static ArgumentOutOfRangeException BeyondCalendar(TimeSpan duration) =>
        new(nameof(duration), duration, "The deadline would fall after the year 9999.");

    private static bool Contains(DateOnly date, DateTimeOffset instant, BusinessHours hours) =>
        TryGetPeriod(date, hours, out var startAt, out var endAt) && startAt <= instant && instant < endAt;

    private static DateOnly LocalDate(DateTimeOffset instant, BusinessHours hours) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, hours.TimeZone).DateTime);

    private static DateOnly FirstCandidateDate(DateTimeOffset instant, BusinessHours hours)
    {
        var date = LocalDate(instant, hours);
        return date > DateOnly.MinValue ? date.AddDays(-1) : date;
    }
}
