using LeadIntake.Domain.Sla;
using static LeadIntake.Domain.Tests.Sla.TestHours;

namespace LeadIntake.Domain.Tests.Sla;

public class BusinessHoursTests
{
    [Theory]
    [InlineData("17:00", "09:00")] // reversed: overnight shifts are not modelled
    [InlineData("09:00", "09:00")] // empty day
    public void Ctor_StartNotBeforeEnd_ThrowsArgumentException(string start, string end)
    {
        var e = Assert.Throws<ArgumentException>(() => new BusinessHours(Berlin, MondayToFriday, Time(start), Time(end), NoHolidays));

        Assert.Equal("end", e.ParamName);
        Assert.Contains($"{start}:00–{end}:00", e.Message);
    }

    [Fact]
    public void Ctor_NoWorkingDays_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new BusinessHours(Berlin, new HashSet<DayOfWeek>(), Time("09:00"), Time("17:00"), NoHolidays));

        Assert.Equal("workingDays", e.ParamName);
    }

    [Fact]
    public void Ctor_UndefinedDayOfWeek_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new BusinessHours(Berlin, new HashSet<DayOfWeek> { DayOfWeek.Monday, (DayOfWeek)7 }, Time("09:00"), Time("17:00"), NoHolidays));

        Assert.Equal("workingDays", e.ParamName);
        Assert.Contains("7 is not a day of the week", e.Message);
    }

    [Fact]
    public void Ctor_NullArgument_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>("timeZone", () => new BusinessHours(null!, MondayToFriday, Time("09:00"), Time("17:00"), NoHolidays));
        Assert.Throws<ArgumentNullException>("workingDays", () => new BusinessHours(Berlin, null!, Time("09:00"), Time("17:00"), NoHolidays));
        Assert.Throws<ArgumentNullException>("holidays", () => new BusinessHours(Berlin, MondayToFriday, Time("09:00"), Time("17:00"), null!));
    }

    [Fact]
    public void Ctor_InputSetsChangedAfterwards_HoursUnchanged()
    {
        var days = new HashSet<DayOfWeek> { DayOfWeek.Monday };
        var holidays = new HashSet<DateOnly> { new(2026, 12, 24) };
        var hours = new BusinessHours(Berlin, days, Time("09:00"), Time("17:00"), holidays);

        days.Add(DayOfWeek.Sunday);
        holidays.Clear();

        Assert.Equal(DayOfWeek.Monday, Assert.Single(hours.WorkingDays));
        Assert.Equal(new DateOnly(2026, 12, 24), Assert.Single(hours.Holidays));
    }

    [Theory]
    [InlineData("09:00", "17:00", 8.0)]
    [InlineData("08:30", "12:00", 3.5)]
    [InlineData("01:00", "04:00", 3.0)] // wall-clock length, even in a zone whose DST day makes it 2 h or 4 h
    public void WorkingDayLength_EndMinusStart(string start, string end, double expectedHours)
    {
        var hours = new BusinessHours(Berlin, MondayToFriday, Time(start), Time(end), NoHolidays);

        Assert.Equal(Hours(expectedHours), hours.WorkingDayLength);
    }

    [Fact]
    public void Default_MondayToFridayNineToFiveUtcNoHolidays()
    {
        var hours = BusinessHours.Default;

        Assert.Same(TimeZoneInfo.Utc, hours.TimeZone);
        Assert.True(hours.WorkingDays.SetEquals(MondayToFriday));
        Assert.Equal(new TimeOnly(9, 0), hours.Start);
        Assert.Equal(new TimeOnly(17, 0), hours.End);
        Assert.Empty(hours.Holidays);
        Assert.Equal(TimeSpan.FromHours(8), hours.WorkingDayLength);
    }

    [Fact]
    public void Equals_SameValuesInOtherSetInstances_EqualWithSameHash()
    {
        var a = new BusinessHours(Berlin, MondayToFriday, Time("09:00"), Time("17:00"), new HashSet<DateOnly> { new(2026, 12, 24) });
        var b = new BusinessHours(Zone("Europe/Berlin"), MondayToFriday.ToHashSet(), Time("09:00"), Time("17:00"), new HashSet<DateOnly> { new(2026, 12, 24) });
        var otherHoliday = new BusinessHours(Berlin, MondayToFriday, Time("09:00"), Time("17:00"), new HashSet<DateOnly> { new(2026, 12, 25) });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, otherHoliday);
        Assert.Contains("TimeZone = Europe/Berlin", a.ToString());
        Assert.Contains("Holidays = 2026-12-24", a.ToString());
    }
}
