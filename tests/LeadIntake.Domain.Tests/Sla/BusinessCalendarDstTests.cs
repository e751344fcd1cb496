using System.Globalization;
using LeadIntake.Domain.Sla;
using static LeadIntake.Domain.Tests.Sla.TestHours;

namespace LeadIntake.Domain.Tests.Sla;

// DST changes of 2026 (tzdata; all on a Sunday, so these calendars work every day):
// Europe/Berlin     spring 03-29 01:00 UTC: 02:00 CET (+1) → 03:00 CEST (+2), local 02:00–03:00 does not exist.
//                   autumn 10-25 01:00 UTC: 03:00 CEST → 02:00 CET, local 02:00–03:00 happens twice
//                   (00:00–01:00 UTC as CEST, then 01:00–02:00 UTC as CET).
// America/New_York  spring 03-08 07:00 UTC: 02:00 EST (−5) → 03:00 EDT (−4), local 02:00–03:00 does not exist.
//                   autumn 11-01 06:00 UTC: 02:00 EDT → 01:00 EST, local 01:00–02:00 happens twice
//                   (05:00–06:00 UTC as EDT, then 06:00–07:00 UTC as EST).
// Working windows of 00:00–06:00 and 01:00–04:00 contain the change, so the gap or overlap counts.
public class BusinessCalendarDstTests
{
    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29", "01:59", "2026-03-29T00:59Z")]    // CET, just before the gap
    [InlineData("Europe/Berlin", "2026-03-29", "02:00", "2026-03-29T01:00Z")]    // does not exist: read with +1 → 03:00 CEST
    [InlineData("Europe/Berlin", "2026-03-29", "02:30", "2026-03-29T01:30Z")]    // does not exist: skip forward an hour → 03:30 CEST
    [InlineData("Europe/Berlin", "2026-03-29", "03:00", "2026-03-29T01:00Z")]    // CEST, the first existing time after the gap
    [InlineData("Europe/Berlin", "2026-10-25", "02:00", "2026-10-25T00:00Z")]    // twice: the earlier, CEST
    [InlineData("Europe/Berlin", "2026-10-25", "02:30", "2026-10-25T00:30Z")]    // twice: the earlier, CEST (CET would be 01:30 UTC)
    [InlineData("Europe/Berlin", "2026-10-25", "03:00", "2026-10-25T02:00Z")]    // CET, once
    [InlineData("America/New_York", "2026-03-08", "02:15", "2026-03-08T07:15Z")] // does not exist: read with −5 → 03:15 EDT
    [InlineData("America/New_York", "2026-03-08", "03:00", "2026-03-08T07:00Z")] // EDT, the first existing time after the gap
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30Z")] // twice: the earlier, EDT (EST would be 06:30 UTC)
    [InlineData("America/New_York", "2026-11-01", "02:00", "2026-11-01T07:00Z")] // EST, once
    public void InZoneLeniently_AroundDstChanges_SkipsForwardAndTakesEarlier(string zone, string date, string time, string expectedAt)
    {
        var instant = BusinessCalendar.InZoneLeniently(DateOnly.Parse(date, CultureInfo.InvariantCulture), Time(time), Zone(zone));

        Assert.Equal(At(expectedAt), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    // Berlin spring, 01:00–04:00: 01:00 CET = 00:00 UTC to 04:00 CEST = 02:00 UTC, 2 real hours.
    [InlineData("Europe/Berlin", "01:00", "04:00", "2026-03-29T00:00Z", 2.0, "2026-03-29T02:00Z")]
    // … 3 h: 2 h on the 29th, then 03-30 01:00 CEST = 03-29 23:00 UTC + 1 h.
    [InlineData("Europe/Berlin", "01:00", "04:00", "2026-03-29T00:00Z", 3.0, "2026-03-30T00:00Z")]
    // Berlin spring, 00:00–06:00: 00:00 CET = 03-28 23:00 UTC to 06:00 CEST = 04:00 UTC, 5 real hours.
    [InlineData("Europe/Berlin", "00:00", "06:00", "2026-03-28T23:00Z", 5.0, "2026-03-29T04:00Z")]
    // … 6 h: 5 h on the 29th, then 03-30 00:00 CEST = 03-29 22:00 UTC + 1 h.
    [InlineData("Europe/Berlin", "00:00", "06:00", "2026-03-28T23:00Z", 6.0, "2026-03-29T23:00Z")]
    // Berlin autumn, 01:00–04:00: 01:00 CEST = 10-24 23:00 UTC to 04:00 CET = 03:00 UTC, 4 real hours.
    [InlineData("Europe/Berlin", "01:00", "04:00", "2026-10-24T23:00Z", 4.0, "2026-10-25T03:00Z")]
    // … 3 h ends at 03:00 CET (02:00 UTC): the wall hour 02:00–03:00 was worked twice.
    [InlineData("Europe/Berlin", "01:00", "04:00", "2026-10-24T23:00Z", 3.0, "2026-10-25T02:00Z")]
    // New York spring, 00:00–06:00: 00:00 EST = 05:00 UTC to 06:00 EDT = 10:00 UTC, 5 real hours.
    [InlineData("America/New_York", "00:00", "06:00", "2026-03-08T05:00Z", 5.0, "2026-03-08T10:00Z")]
    // New York spring, 01:00–04:00: 01:00 EST = 06:00 UTC to 04:00 EDT = 08:00 UTC (2 h); 03-09 01:00 EDT = 05:00 UTC + 30 min.
    [InlineData("America/New_York", "01:00", "04:00", "2026-03-08T06:00Z", 2.5, "2026-03-09T05:30Z")]
    // New York autumn, 00:00–06:00: 00:00 EDT = 04:00 UTC to 06:00 EST = 11:00 UTC, 7 real hours.
    [InlineData("America/New_York", "00:00", "06:00", "2026-11-01T04:00Z", 7.0, "2026-11-01T11:00Z")]
    public void AddBusinessTime_WindowSpanningDstChange_CountsRealElapsedTime(
        string zone, string start, string end, string startAt, double durationHours, string expectedAt)
    {
        Assert.Equal(At(expectedAt), BusinessCalendar.AddBusinessTime(At(startAt), Hours(durationHours), Daily(Zone(zone), start, end)));
    }

    [Theory]
    // "02:30+01:00" on 03-29 is the wall reading 02:30 with the old offset: the instant 01:30 UTC, i.e. 03:30 CEST.
    // Window 01:00–04:00 ends at 02:00 UTC, so 30 min are left; then 03-30 01:00 CEST = 03-29 23:00 UTC + 30 min.
    [InlineData("Europe/Berlin", "2026-03-29T02:30+01:00", 1.0, "2026-03-29T23:30Z")]
    [InlineData("Europe/Berlin", "2026-03-29T02:30+01:00", 0.5, "2026-03-29T02:00Z")]
    // New York: "02:30−05:00" on 03-08 is 07:30 UTC (03:30 EDT); 04:00 EDT = 08:00 UTC is 30 min later.
    [InlineData("America/New_York", "2026-03-08T02:30-05:00", 0.5, "2026-03-08T08:00Z")]
    public void AddBusinessTime_StartInsideNonexistentHour_IsTheSkippedForwardInstant(string zone, string startAt, double durationHours, string expectedAt)
    {
        Assert.Equal(At(expectedAt), BusinessCalendar.AddBusinessTime(At(startAt), Hours(durationHours), Daily(Zone(zone), "01:00", "04:00")));
    }

    [Theory]
    // Berlin 02:30 first pass (CEST, 00:30 UTC) + 1 h = 01:30 UTC, which is 02:30 again, second pass (CET).
    [InlineData("Europe/Berlin", "2026-10-25T02:30+02:00", 1.0, "2026-10-25T01:30Z")]
    // Berlin 02:30 second pass (CET, 01:30 UTC) + 1 h = 02:30 UTC (03:30 CET).
    [InlineData("Europe/Berlin", "2026-10-25T02:30+01:00", 1.0, "2026-10-25T02:30Z")]
    // … + 2 h: 1.5 h to 04:00 CET (03:00 UTC), then 10-26 01:00 CET = 00:00 UTC + 30 min.
    [InlineData("Europe/Berlin", "2026-10-25T02:30+01:00", 2.0, "2026-10-26T00:30Z")]
    // New York 01:30 first pass (EDT, 05:30 UTC) + 1 h = 06:30 UTC, 01:30 again (EST).
    [InlineData("America/New_York", "2026-11-01T01:30-04:00", 1.0, "2026-11-01T06:30Z")]
    // New York 01:30 second pass (EST, 06:30 UTC) + 1 h = 07:30 UTC (02:30 EST).
    [InlineData("America/New_York", "2026-11-01T01:30-05:00", 1.0, "2026-11-01T07:30Z")]
    public void AddBusinessTime_StartInsideAmbiguousHour_CountsFromThatInstant(string zone, string startAt, double durationHours, string expectedAt)
    {
        Assert.Equal(At(expectedAt), BusinessCalendar.AddBusinessTime(At(startAt), Hours(durationHours), Daily(Zone(zone), "01:00", "04:00")));
    }

    [Theory]
    [InlineData("Europe/Berlin", "01:00", "04:00", "2026-03-28T12:00Z", "2026-03-29T12:00Z", 2.0)]    // spring day: 3 wall hours, 2 real
    [InlineData("Europe/Berlin", "01:00", "04:00", "2026-10-24T12:00Z", "2026-10-25T12:00Z", 4.0)]    // autumn day: 3 wall hours, 4 real
    [InlineData("America/New_York", "00:00", "06:00", "2026-03-07T12:00Z", "2026-03-08T12:00Z", 5.0)] // spring day: 6 wall hours, 5 real
    [InlineData("America/New_York", "00:00", "06:00", "2026-10-31T12:00Z", "2026-11-01T12:00Z", 7.0)] // autumn day: 6 wall hours, 7 real
    [InlineData("Europe/Berlin", "01:00", "04:00", "2026-10-25T02:30+02:00", "2026-10-25T02:30+01:00", 1.0)] // same wall time, both passes
    [InlineData("America/New_York", "01:00", "04:00", "2026-11-01T01:30-04:00", "2026-11-01T01:30-05:00", 1.0)] // same wall time, both passes
    public void BusinessTimeBetween_DstDay_CountsRealElapsedTime(
        string zone, string start, string end, string startAt, string endAt, double expectedHours)
    {
        Assert.Equal(Hours(expectedHours), BusinessCalendar.BusinessTimeBetween(At(startAt), At(endAt), Daily(Zone(zone), start, end)));
    }

    [Fact]
    public void WorkingStartInsideGap_SkipsForwardByTheGap()
    {
        // Berlin 02:30–05:00 on 03-29: 02:30 does not exist and is read as 03:30 CEST (01:30 UTC); 05:00 CEST is 03:00 UTC.
        var hours = Daily(Berlin, "02:30", "05:00");

        Assert.Equal(At("2026-03-29T01:30Z"), BusinessCalendar.AddBusinessTime(At("2026-03-29T00:00Z"), TimeSpan.Zero, hours));
        Assert.False(BusinessCalendar.IsWorkingTime(At("2026-03-29T01:15Z"), hours)); // 03:15 CEST: before the skipped-forward start
        Assert.True(BusinessCalendar.IsWorkingTime(At("2026-03-29T01:30Z"), hours));
        Assert.Equal(Hours(1.5), BusinessCalendar.BusinessTimeBetween(At("2026-03-29T00:00Z"), At("2026-03-29T12:00Z"), hours));
    }

    [Fact]
    public void WorkingStartInsideGap_NewYork_SkipsForwardByTheGap()
    {
        // New York 02:30–05:00 on 03-08: 02:30 is read as 02:30 EST = 07:30 UTC (03:30 EDT); 05:00 EDT is 09:00 UTC.
        var hours = Daily(NewYork, "02:30", "05:00");

        Assert.Equal(At("2026-03-08T09:00Z"), BusinessCalendar.AddBusinessTime(At("2026-03-08T00:00Z"), Hours(1.5), hours));
        Assert.Equal(Hours(1.5), BusinessCalendar.BusinessTimeBetween(At("2026-03-08T00:00Z"), At("2026-03-08T12:00Z"), hours));
    }

    [Fact]
    public void WorkingEndInsideOverlap_TakesTheEarlierInstant()
    {
        // Berlin 01:00–02:30 on 10-25: 01:00 CEST = 10-24 23:00 UTC; 02:30 happens twice and the earlier (CEST,
        // 00:30 UTC) ends the day, so it has 1.5 h and the second 02:00–02:30 (CET) is not worked.
        var hours = Daily(Berlin, "01:00", "02:30");

        Assert.Equal(Hours(1.5), BusinessCalendar.BusinessTimeBetween(At("2026-10-24T22:00Z"), At("2026-10-25T05:00Z"), hours));
        Assert.True(BusinessCalendar.IsWorkingTime(At("2026-10-25T02:15+02:00"), hours));
        Assert.False(BusinessCalendar.IsWorkingTime(At("2026-10-25T02:15+01:00"), hours));
        // 1.5 h used up at 00:30 UTC; 2 h carries 30 min into 10-26 01:00 CET = 00:00 UTC.
        Assert.Equal(At("2026-10-26T00:30Z"), BusinessCalendar.AddBusinessTime(At("2026-10-24T23:00Z"), Hours(2), hours));
    }

    [Fact]
    public void WorkingStartInsideOverlap_TakesTheEarlierInstant()
    {
        // New York 01:30–04:00 on 11-01: 01:30 happens twice and the earlier (EDT, 05:30 UTC) opens the day;
        // 04:00 EST is 09:00 UTC, so the day has 3.5 h.
        var hours = Daily(NewYork, "01:30", "04:00");

        Assert.Equal(At("2026-11-01T05:30Z"), BusinessCalendar.AddBusinessTime(At("2026-11-01T04:00Z"), TimeSpan.Zero, hours));
        Assert.True(BusinessCalendar.IsWorkingTime(At("2026-11-01T01:45-04:00"), hours)); // first pass
        Assert.True(BusinessCalendar.IsWorkingTime(At("2026-11-01T01:15-05:00"), hours)); // second pass, 06:15 UTC: after opening
        Assert.Equal(Hours(3.5), BusinessCalendar.BusinessTimeBetween(At("2026-11-01T00:00Z"), At("2026-11-01T12:00Z"), hours));
    }

    [Fact]
    public void WorkingWindowShorterThanGapAndStartingInIt_DayHasNoWorkingTime()
    {
        // Berlin 02:30–03:15 on 03-29: the start is skipped forward to 03:30 CEST (01:30 UTC), after the end 03:15 CEST
        // (01:15 UTC). The day is empty; the next opening is 03-30 02:30 CEST = 00:30 UTC.
        var hours = Daily(Berlin, "02:30", "03:15");

        Assert.Equal(TimeSpan.Zero, BusinessCalendar.BusinessTimeBetween(At("2026-03-29T00:00Z"), At("2026-03-29T12:00Z"), hours));
        Assert.False(BusinessCalendar.IsWorkingTime(At("2026-03-29T01:10Z"), hours));
        Assert.Equal(At("2026-03-30T00:30Z"), BusinessCalendar.AddBusinessTime(At("2026-03-29T00:00Z"), TimeSpan.Zero, hours));
    }

    [Fact]
    public void AddBusinessTime_OfficeHoursOverDstWeekend_KeepsLocalOpening()
    {
        // Berlin Mon–Fri 09:00–17:00: Friday 03-27 16:00 CET (15:00 UTC) + 2 h = 1 h Friday + Monday 03-30 09:00–10:00 CEST.
        // The change happened on Sunday night; Monday opens at 09:00 local, now 07:00 UTC, so the deadline is 08:00 UTC.
        var hours = new BusinessHours(Berlin, MondayToFriday, Time("09:00"), Time("17:00"), NoHolidays);

        Assert.Equal(At("2026-03-30T08:00Z"), BusinessCalendar.AddBusinessTime(At("2026-03-27T15:00Z"), Hours(2), hours));
    }

    [Theory]
    [InlineData("utc-office", "2026-06-01T10:00Z", 20.0)]       // several days
    [InlineData("utc-office", "2026-06-06T11:00Z", 3.0)]        // starts on Saturday
    [InlineData("berlin-night", "2026-03-28T23:30Z", 5.0)]      // 01:00–04:00 over the spring change
    [InlineData("berlin-night", "2026-10-25T02:30+02:00", 4.0)] // from the first pass of the ambiguous hour
    [InlineData("new-york-night", "2026-10-31T12:00Z", 10.0)]   // 00:00–06:00 over the autumn change
    [InlineData("new-york-night", "2026-03-08T02:30-05:00", 6.0)] // from the skipped-forward instant
    public void BusinessTimeBetween_UpToAddBusinessTime_ReturnsTheDuration(string calendar, string startAt, double durationHours)
    {
        var hours = calendar switch
        {
            "utc-office" => BusinessHours.Default,
            "berlin-night" => Daily(Berlin, "01:00", "04:00"),
            "new-york-night" => Daily(NewYork, "00:00", "06:00"),
            _ => throw new ArgumentOutOfRangeException(nameof(calendar), calendar, null),
        };
        var start = At(startAt);

        var deadlineAt = BusinessCalendar.AddBusinessTime(start, Hours(durationHours), hours);

        Assert.Equal(Hours(durationHours), BusinessCalendar.BusinessTimeBetween(start, deadlineAt, hours));
    }
}
