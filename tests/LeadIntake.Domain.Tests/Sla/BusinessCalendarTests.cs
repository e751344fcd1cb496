using LeadIntake.Domain.Sla;
using static LeadIntake.Domain.Tests.Sla.TestHours;

namespace LeadIntake.Domain.Tests.Sla;

// Calendar arithmetic without DST: BusinessHours.Default (Mon–Fri 09:00–17:00 UTC) and Berlin office hours.
// Reference week: Monday 2026-06-01 … Friday 2026-06-05, Saturday 06-06, Sunday 06-07, Monday 06-08.
public class BusinessCalendarTests
{
    // Germany's Christmas holidays of 2026: Thursday 12-24 (Heiligabend, closed by most offices) and Friday 12-25.
    private static readonly BusinessHours _berlinOffice = new(
        Berlin, MondayToFriday, Time("09:00"), Time("17:00"), new HashSet<DateOnly> { new(2026, 12, 24), new(2026, 12, 25) });

    [Theory]
    [InlineData("2026-06-01T10:00Z", 2.0, "2026-06-01T12:00Z")]    // inside hours: 10:00 + 2 h
    [InlineData("2026-06-01T10:00Z", 7.0, "2026-06-01T17:00Z")]    // uses the rest of Monday exactly: closing time, not Tuesday 09:00
    [InlineData("2026-06-01T16:00Z", 2.0, "2026-06-02T10:00Z")]    // 1 h Monday (16–17) + 1 h Tuesday (09–10)
    [InlineData("2026-06-03T16:45Z", 0.5, "2026-06-04T09:15Z")]    // 15 min Wednesday + 15 min Thursday
    [InlineData("2026-06-01T07:30Z", 1.0, "2026-06-01T10:00Z")]    // before opening: counting starts at 09:00
    [InlineData("2026-06-01T18:00Z", 1.0, "2026-06-02T10:00Z")]    // after closing: Tuesday 09:00 + 1 h
    [InlineData("2026-06-01T17:00Z", 1.0, "2026-06-02T10:00Z")]    // the closing instant is outside ([Start, End))
    [InlineData("2026-06-06T11:00Z", 1.0, "2026-06-08T10:00Z")]    // Saturday: Monday 09:00 + 1 h
    [InlineData("2026-06-05T15:00Z", 4.0, "2026-06-08T11:00Z")]    // over the weekend: Friday 15–17 (2 h) + Monday 09–11 (2 h)
    [InlineData("2026-06-01T10:00Z", 20.0, "2026-06-03T14:00Z")]   // several days: Monday 7 h + Tuesday 8 h + Wednesday 5 h
    [InlineData("2026-06-01T09:00Z", 40.0, "2026-06-05T17:00Z")]   // one working week: 5 × 8 h
    [InlineData("2026-06-01T09:00Z", 41.0, "2026-06-08T10:00Z")]   // a week and an hour: next Monday 10:00
    [InlineData("2026-06-01T12:00+02:00", 1.0, "2026-06-01T11:00Z")] // 12:00+02:00 is 10:00 UTC; the result is UTC
    public void AddBusinessTime_DefaultHours_CountsOnlyWorkingTime(string startAt, double durationHours, string expectedAt)
    {
        var deadlineAt = BusinessCalendar.AddBusinessTime(At(startAt), Hours(durationHours), BusinessHours.Default);

        Assert.Equal(At(expectedAt), deadlineAt);
        Assert.Equal(TimeSpan.Zero, deadlineAt.Offset);
    }

    [Theory]
    [InlineData("2026-06-01T10:00Z", "2026-06-01T10:00Z")] // inside: startAt itself
    [InlineData("2026-06-01T09:00Z", "2026-06-01T09:00Z")] // the opening instant is inside
    [InlineData("2026-06-01T17:00Z", "2026-06-02T09:00Z")] // the closing instant is not: next opening
    [InlineData("2026-06-06T11:00Z", "2026-06-08T09:00Z")] // Saturday: Monday's opening
    [InlineData("2026-06-01T11:00+01:00", "2026-06-01T10:00Z")] // inside, with an offset: the same instant in UTC
    public void AddBusinessTime_ZeroDuration_StartAtOrNextOpening(string startAt, string expectedAt)
    {
        var deadlineAt = BusinessCalendar.AddBusinessTime(At(startAt), TimeSpan.Zero, BusinessHours.Default);

        Assert.Equal(At(expectedAt), deadlineAt);
        Assert.Equal(TimeSpan.Zero, deadlineAt.Offset);
    }

    [Fact]
    public void AddBusinessTime_HolidayInSpan_SkipsIt()
    {
        var hours = new BusinessHours(
            TimeZoneInfo.Utc, MondayToFriday, Time("09:00"), Time("17:00"), new HashSet<DateOnly> { new(2026, 6, 2) });

        // Monday 16:00 + 2 h: 1 h Monday, Tuesday is a holiday, 1 h Wednesday.
        Assert.Equal(At("2026-06-03T10:00Z"), BusinessCalendar.AddBusinessTime(At("2026-06-01T16:00Z"), Hours(2), hours));
    }

    [Theory]
    // A lead arrives Wednesday 2026-12-23 at 20:00 CET (after closing) with an 8 h SLA: Thursday and Friday are
    // holidays, then the weekend, so the clock starts Monday 12-28 at 09:00 CET (08:00 UTC) and runs out at 17:00 CET.
    [InlineData("2026-12-23T19:00Z", 8.0, "2026-12-28T16:00Z")]
    // Friday 2026-06-05 at 18:30 CEST (after closing) with a 4 h SLA: Monday 09:00–13:00 CEST = 07:00–11:00 UTC.
    [InlineData("2026-06-05T16:30Z", 4.0, "2026-06-08T11:00Z")]
    // Sunday 2026-06-07 23:30 UTC is already Monday 01:30 CEST, before opening: Monday 09:00 CEST (07:00 UTC) + 30 min.
    [InlineData("2026-06-07T23:30Z", 0.5, "2026-06-08T07:30Z")]
    public void AddBusinessTime_DeadlineStartingOutsideBerlinHours_StartsAtNextLocalOpening(string startAt, double durationHours, string expectedAt)
    {
        Assert.Equal(At(expectedAt), BusinessCalendar.AddBusinessTime(At(startAt), Hours(durationHours), _berlinOffice));
    }

    [Fact]
    public void AddBusinessTime_HolidaysForAYear_FindsTheFirstWorkingDayAfter()
    {
        // Mondays only, and every Monday of 2026 (01-05 … 12-28) is a holiday: the first working day is Monday
        // 2027-01-04, well inside the three-year search.
        var hours = new BusinessHours(TimeZoneInfo.Utc, new HashSet<DayOfWeek> { DayOfWeek.Monday }, Time("09:00"), Time("17:00"), MondaysOf(2026, 2026));

        Assert.Equal(At("2027-01-04T10:00Z"), BusinessCalendar.AddBusinessTime(At("2026-01-01T00:00Z"), Hours(1), hours));
    }

    [Fact]
    public void AddBusinessTime_HolidaysCoverEveryWorkingDayForYears_ThrowsInvalidOperation()
    {
        // Every Monday of 2026–2030 is a holiday and only Mondays are worked: more than 3 years without working time.
        var hours = new BusinessHours(TimeZoneInfo.Utc, new HashSet<DayOfWeek> { DayOfWeek.Monday }, Time("09:00"), Time("17:00"), MondaysOf(2026, 2030));

        var e = Assert.Throws<InvalidOperationException>(() => BusinessCalendar.AddBusinessTime(At("2026-01-01T00:00Z"), Hours(1), hours));

        Assert.Contains("1098 consecutive days (3 years)", e.Message);
        Assert.Contains("Monday", e.Message);
    }

    [Fact]
    public void AddBusinessTime_NegativeDuration_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            "duration", () => BusinessCalendar.AddBusinessTime(At("2026-06-01T10:00Z"), TimeSpan.FromTicks(-1), BusinessHours.Default));
    }

    [Fact]
    public void AddBusinessTime_DeadlineAfterYear9999_ThrowsArgumentOutOfRange()
    {
        // Refused before any search: working time never runs faster than real time, and real time already overflows.
        var overflow = Assert.Throws<ArgumentOutOfRangeException>(
            "duration", () => BusinessCalendar.AddBusinessTime(At("2026-06-01T10:00Z"), TimeSpan.MaxValue, BusinessHours.Default));
        // Found by the search: December 9999 has 23 working days × 8 h = 184 h, not 1,000.
        var search = Assert.Throws<ArgumentOutOfRangeException>(
            "duration", () => BusinessCalendar.AddBusinessTime(At("9999-12-01T00:00Z"), Hours(1000), BusinessHours.Default));

        Assert.Contains("after the year 9999", overflow.Message);
        Assert.Contains("after the year 9999", search.Message);
    }

    [Fact]
    public void Methods_NullHours_ThrowArgumentNull()
    {
        var at = At("2026-06-01T10:00Z");

        Assert.Throws<ArgumentNullException>("hours", () => BusinessCalendar.AddBusinessTime(at, TimeSpan.Zero, null!));
        Assert.Throws<ArgumentNullException>("hours", () => BusinessCalendar.BusinessTimeBetween(at, at, null!));
        Assert.Throws<ArgumentNullException>("hours", () => BusinessCalendar.IsWorkingTime(at, null!));
    }

    [Theory]
    [InlineData("2026-06-01T10:00Z", "2026-06-01T12:00Z", 2.0)]  // inside one period
    [InlineData("2026-06-01T07:00Z", "2026-06-01T20:00Z", 8.0)]  // a whole day, from before opening to after closing
    [InlineData("2026-06-05T15:00Z", "2026-06-08T11:00Z", 4.0)]  // over the weekend: Friday 2 h + Monday 2 h
    [InlineData("2026-06-06T10:00Z", "2026-06-07T20:00Z", 0.0)]  // Saturday to Sunday: nothing
    [InlineData("2026-06-01T09:00Z", "2026-06-08T09:00Z", 40.0)] // a week: 5 × 8 h
    [InlineData("2026-06-01T10:00Z", "2026-06-01T10:00Z", 0.0)]  // empty interval
    [InlineData("2026-06-01T12:00Z", "2026-06-01T10:00Z", 0.0)]  // end before start: zero, not negative
    [InlineData("2026-06-01T12:00+02:00", "2026-06-01T11:00Z", 1.0)] // offsets compared as instants: 10:00–11:00 UTC
    public void BusinessTimeBetween_DefaultHours_CountsOnlyWorkingTime(string startAt, string endAt, double expectedHours)
    {
        Assert.Equal(Hours(expectedHours), BusinessCalendar.BusinessTimeBetween(At(startAt), At(endAt), BusinessHours.Default));
    }

    [Fact]
    public void BusinessTimeBetween_OverBerlinHolidays_CountsOnlyWorkingDays()
    {
        // Wednesday 12-23 09:00 CET to Monday 12-28 17:00 CET: Wednesday 8 h + Monday 8 h; Thursday and Friday are holidays.
        Assert.Equal(Hours(16), BusinessCalendar.BusinessTimeBetween(At("2026-12-23T08:00Z"), At("2026-12-28T16:00Z"), _berlinOffice));
    }

    [Theory]
    [InlineData("2026-06-01T09:00Z", true)]     // the opening instant
    [InlineData("2026-06-01T16:59:59Z", true)]  // the last second
    [InlineData("2026-06-01T17:00Z", false)]    // the closing instant is not working time
    [InlineData("2026-06-01T08:59:59Z", false)] // a second before opening
    [InlineData("2026-06-06T12:00Z", false)]    // Saturday
    [InlineData("2026-06-01T10:00+02:00", false)] // 08:00 UTC: before opening, whatever the local reading of the offset
    public void IsWorkingTime_DefaultHours(string at, bool expected)
    {
        Assert.Equal(expected, BusinessCalendar.IsWorkingTime(At(at), BusinessHours.Default));
    }

    [Theory]
    [InlineData("2026-12-23T09:00Z", true)]  // Wednesday 10:00 CET
    [InlineData("2026-12-24T09:00Z", false)] // Thursday 10:00 CET: holiday
    [InlineData("2026-06-01T07:00Z", true)]  // Monday 09:00 CEST: hours are local, 07:00 UTC in summer
    [InlineData("2026-06-01T15:00Z", false)] // Monday 17:00 CEST: closed
    public void IsWorkingTime_BerlinOffice_ReadsLocalHoursAndHolidays(string at, bool expected)
    {
        Assert.Equal(expected, BusinessCalendar.IsWorkingTime(At(at), _berlinOffice));
    }

    private static HashSet<DateOnly> MondaysOf(int firstYear, int lastYear)
    {
        var mondays = new HashSet<DateOnly>();
        for (var date = new DateOnly(firstYear, 1, 1); date.Year <= lastYear; date = date.AddDays(1))
        {
            if (date.DayOfWeek == DayOfWeek.Monday)
            {
                mondays.Add(date);
            }
        }

        return mondays;
    }
}
