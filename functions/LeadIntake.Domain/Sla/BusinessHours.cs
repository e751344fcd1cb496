using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace LeadIntake.Domain.Sla;

/// <summary>Working time of a sales team: time zone, working days, daily hours, holidays.</summary>
/// <remarks>
/// <para>
/// A working period is the local wall-clock interval [<see cref="Start"/>, <see cref="End"/>) in
/// <see cref="TimeZone"/> on each local date whose day of the week is in <see cref="WorkingDays"/> and which is not
/// in <see cref="Holidays"/>. A period never crosses local midnight (<see cref="Start"/> is before
/// <see cref="End"/>); overnight shifts are not modelled.
/// </para>
/// <para>
/// How local times map to instants around daylight-saving changes, and how they are counted, is
/// <see cref="BusinessCalendar"/>'s to say. <see cref="WorkingDayLength"/> is the wall-clock length; a day whose
/// DST change falls inside working hours is an hour shorter or longer in real time.
/// </para>
/// <para>
/// Immutable and thread-safe: the sets are copied at construction. Equality compares the time zone and the
/// contents of the sets, not their instances.
/// </para>
/// </remarks>
public sealed record BusinessHours
{
    /// <summary>Creates the working time of a team.</summary>
    /// <param name="timeZone">The zone the hours, days and holidays are read in.</param>
    /// <param name="workingDays">The days of the week that are working days (at least one).</param>
    /// <param name="start">Local opening time of a working day (inclusive).</param>
    /// <param name="end">Local closing time of a working day (exclusive); after <paramref name="start"/>.</param>
    /// <param name="holidays">Local dates in <paramref name="timeZone"/> that are not worked, whatever their day.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="start"/> is not before <paramref name="end"/>, <paramref name="workingDays"/> is empty or holds
    /// a value that is not a <see cref="DayOfWeek"/>.
    /// </exception>
    public BusinessHours(
        TimeZoneInfo timeZone,
        IReadOnlySet<DayOfWeek> workingDays,
        TimeOnly start,
        TimeOnly end,
        IReadOnlySet<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(workingDays);
        ArgumentNullException.ThrowIfNull(holidays);
        if (start >= end)
        {
            throw new ArgumentException($"The working day must start before it ends; got {start:HH:mm:ss}–{end:HH:mm:ss}.", nameof(end));
        }

        if (workingDays.Count == 0)
        {
            throw new ArgumentException("At least one day of the week must be a working day.", nameof(workingDays));
        }

        foreach (var day in workingDays)
        {
            if (!Enum.IsDefined(day))
            {
                throw new ArgumentException($"{(int)day} is not a day of the week.", nameof(workingDays));
            }
        }

        TimeZone = timeZone;
        WorkingDays = workingDays.ToFrozenSet();
        Start = start;
        End = end;
        Holidays = holidays.ToFrozenSet();
    }

    /// <summary>The zone the hours, working days and holidays are read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The days of the week that are working days, unless a holiday.</summary>
    public IReadOnlySet<DayOfWeek> WorkingDays { get; }

    /// <summary>Local opening time of a working day (inclusive).</summary>
    public TimeOnly Start { get; }

    /// <summary>Local closing time of a working day (exclusive).</summary>
    public TimeOnly End { get; }

    /// <summary>Local dates in <see cref="TimeZone"/> that are not worked, whatever their day of the week.</summary>
    public IReadOnlySet<DateOnly> Holidays { get; }

    /// <summary>Length of one working day (<see cref="End"/> − <see cref="Start"/>), on the wall clock.</summary>
    /// <remarks>A day with a DST change inside working hours is shorter or longer than this in real time.</remarks>
    public TimeSpan WorkingDayLength => End - Start;

    /// <summary>Monday to Friday 09:00–17:00 UTC, no holidays: a neutral default for tests and documentation.</summary>
    public static BusinessHours Default { get; } = new(
        TimeZoneInfo.Utc,
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        new TimeOnly(9, 0),
        new TimeOnly(17, 0),
        new HashSet<DateOnly>());

    /// <summary>True when <paramref name="date"/> (local, in <see cref="TimeZone"/>) is a working day and not a holiday.</summary>
    internal bool IsWorkingDate(DateOnly date) => WorkingDays.Contains(date.DayOfWeek) && !Holidays.Contains(date);

    /// <summary>Equal when zone, hours and the contents of both sets are equal.</summary>
    /// <param name="other">The hours to compare with.</param>
    public bool Equals(BusinessHours? other) =>
        other is not null
        && TimeZone.Equals(other.TimeZone)
        && Start == other.Start
        && End == other.End
        && WorkingDays.SetEquals(other.WorkingDays)
        && Holidays.SetEquals(other.Holidays);

    /// <summary>A hash of zone, hours, working days and the number of holidays, consistent with <see cref="Equals(BusinessHours)"/>.</summary>
    public override int GetHashCode()
    {
        var days = 0;
        foreach (var day in WorkingDays)
        {
            days |= 1 << (int)day;
        }

        return HashCode.Combine(TimeZone.Id, Start, End, days, Holidays.Count);
    }

    // Readable in test failures and logs: "TimeZone = Europe/Berlin, WorkingDays = Monday, …, Holidays = 2026-12-24".
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("TimeZone = ").Append(TimeZone.Id)
            .Append(", WorkingDays = ").AppendJoin(", ", WorkingDays.Order())
            .Append(", Start = ").Append(Start.ToString("HH:mm:ss", CultureInfo.InvariantCulture))
            .Append(", End = ").Append(End.ToString("HH:mm:ss", CultureInfo.InvariantCulture))
            .Append(", Holidays = ").AppendJoin(", ", Holidays.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return true;
    }
}
