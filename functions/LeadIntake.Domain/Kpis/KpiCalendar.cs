using System.Globalization;

namespace LeadIntake.Domain.Kpis;

/// <summary>The UTC days, ISO weeks and months the KPIs are keyed by, and their labels (<c>2026-01-05</c>, <c>2026-W02</c>, <c>2026-01</c>).</summary>
public static class KpiCalendar
{
    /// <summary>The UTC day of <paramref name="at"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>The label of <paramref name="day"/>: <c>yyyy-MM-dd</c>.</summary>
    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The month label of <paramref name="day"/>: <c>yyyy-MM</c>.</summary>
    public static string MonthKey(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The UTC month label of <paramref name="at"/>.</summary>
    public static string MonthKey(DateTimeOffset at) => MonthKey(DayOf(at));

    /// <summary>The first day of month <paramref name="month"/> (<c>yyyy-MM</c>).</summary>
    /// <exception cref="FormatException">Not a <c>yyyy-MM</c> month.</exception>
    public static DateOnly MonthStart(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            ? start
            : throw new FormatException($"'{month}' is not a month (yyyy-MM).");

    /// <summary>The first day of <paramref name="day"/>'s month.</summary>
    public static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The month <paramref name="months"/> after <paramref name="month"/>.</summary>
    public static string AddMonths(string month, int months) => MonthKey(MonthStart(month).AddMonths(months));

    /// <summary>Whole months from <paramref name="fromMonth"/> to <paramref name="toMonth"/> (negative when earlier).</summary>
    public static int MonthsBetween(string fromMonth, string toMonth)
    {
        var from = MonthStart(fromMonth);
        var to = MonthStart(toMonth);
        return ((to.Year - from.Year) * 12) + to.Month - from.Month;
    }

    /// <summary>Every month touched by the days <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    public static IReadOnlyList<string> MonthsOf(DateOnly from, DateOnly to)
    {
        var months = new List<string>();
        for (var start = MonthStart(from); start <= to; start = start.AddMonths(1))
            months.Add(MonthKey(start));
        return months;
    }

    /// <summary>The months whose every day lies within <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    public static IReadOnlyList<string> WholeMonthsOf(DateOnly from, DateOnly to) =>
        [.. MonthsOf(from, to).Where(month => MonthStart(month) >= from && MonthStart(month).AddMonths(1).AddDays(-1) <= to)];

    /// <summary>The ISO week label of <paramref name="day"/>: <c>2026-W02</c> (ISO week-numbering year).</summary>
    public static string WeekKey(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):D2}");
    }

    /// <summary>The Monday of <paramref name="day"/>'s ISO week.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The period of <paramref name="day"/>: its label and first day.</summary>
    public static (string Label, DateOnly Start) PeriodOf(DateOnly day, KpiPeriod period) => period switch
    {
        KpiPeriod.Day => (DayKey(day), day),
        KpiPeriod.Week => (WeekKey(day), WeekStart(day)),
        KpiPeriod.Month => (MonthKey(day), MonthStart(day)),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Not a KPI period."),
    };
}
