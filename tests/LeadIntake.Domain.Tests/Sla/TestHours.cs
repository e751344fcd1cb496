using System.Globalization;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Domain.Tests.Sla;

/// <summary>Zones, calendars and instant parsing shared by the SLA tests.</summary>
internal static class TestHours
{
    // IANA ids, read from the machine's tzdata.
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static readonly IReadOnlySet<DayOfWeek> MondayToFriday = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };

    // Every 2026 DST change in Berlin and New York falls on a Sunday, so the DST calendars work every day.
    public static readonly IReadOnlySet<DayOfWeek> EveryDay = Enum.GetValues<DayOfWeek>().ToHashSet();

    public static readonly IReadOnlySet<DateOnly> NoHolidays = new HashSet<DateOnly>();

    /// <summary>A zone by IANA id, as the theory tables name it.</summary>
    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>Working every day from <paramref name="start"/> to <paramref name="end"/> ("HH:mm"), no holidays.</summary>
    public static BusinessHours Daily(TimeZoneInfo zone, string start, string end) =>
        new(zone, EveryDay, Time(start), Time(end), NoHolidays);

    /// <summary>Parses an ISO-8601 instant with its offset ("2026-06-01T10:00Z", "2026-03-29T02:30+01:00").</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>Parses "HH:mm".</summary>
    public static TimeOnly Time(string hhmm) => TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A duration in hours (2.5 = 2 h 30 min), the unit the tables reason in.</summary>
    public static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);
}
