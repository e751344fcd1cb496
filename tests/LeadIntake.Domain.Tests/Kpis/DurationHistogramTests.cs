using LeadIntake.Domain.Kpis;

namespace LeadIntake.Domain.Tests.Kpis;

public class DurationHistogramTests
{
    [Theory]
    [InlineData(-5.0, 0)]         // clock skew: with the sub-minute ones
    [InlineData(0.5, 0)]          // under a minute
    [InlineData(1.0, 1)]          // [1.1^0, 1.1^1) minutes
    [InlineData(1.09, 1)]
    [InlineData(1.1, 2)]          // 1.1^1 starts bucket 2 (floating point: ln(1.1)/ln(1.1) = 1 exactly)
    [InlineData(60.0, 43)]        // ln 60 / ln 1.1 = 42.96 → floor 42, + 1
    [InlineData(1440.0, 77)]      // a day: ln 1440 / ln 1.1 = 76.28
    [InlineData(1_000_000.0, 140)] // about two years: the overflow bucket
    public void BucketOf_Minutes_IsTheLogBucket(double minutes, int expected)
    {
        Assert.Equal(expected, DurationHistogram.BucketOf(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void ToText_AfterAdds_ListsNonEmptyBucketsAscendingAndParsesBack()
    {
        var histogram = new DurationHistogram();
        histogram.Add(TimeSpan.FromDays(1));
        histogram.Add(TimeSpan.FromSeconds(10));
        histogram.Add(TimeSpan.FromDays(1));

        Assert.Equal("0:1 77:2", histogram.ToText());
        Assert.Equal(histogram, DurationHistogram.Parse("0:1 77:2"));
        Assert.Equal(3, DurationHistogram.Parse("0:1 77:2").Count);
        Assert.Equal(0, DurationHistogram.Parse("").Count);
    }

    [Theory]
    [InlineData(" 1:1")]
    [InlineData("1:1 ")]
    [InlineData("1:1  2:1")]
    [InlineData("2:1 1:1")]     // not ascending
    [InlineData("1:1 1:2")]     // repeated
    [InlineData("1:0")]         // empty buckets are not written
    [InlineData("01:1")]        // leading zero
    [InlineData("1:+1")]
    [InlineData("1:-1")]
    [InlineData("141:1")]       // past the last bucket
    [InlineData("a:1")]
    [InlineData("1")]
    [InlineData("1:1,2:1")]
    public void Parse_NotTheWrittenForm_Throws(string text)
    {
        Assert.Throws<FormatException>(() => DurationHistogram.Parse(text));
    }

    [Fact]
    public void QuantileHours_Empty_IsNull()
    {
        Assert.Null(new DurationHistogram().QuantileHours(0.5));
    }

    [Fact]
    public void QuantileHours_OneDuration_IsTheBucketMiddle()
    {
        var histogram = new DurationHistogram();
        histogram.Add(TimeSpan.FromHours(24));

        // 1,440 minutes is in bucket 77 = [1.1^76, 1.1^77) = [1,399.0, 1,538.9) minutes; its middle 1.1^76.5 = 1,467.4 minutes = 24.46 hours.
        Assert.Equal(Math.Pow(1.1, 76.5) / 60, histogram.QuantileHours(0.5)!.Value, 9);
        Assert.Equal(24.46, histogram.QuantileHours(0.9)!.Value, 2);
    }

    [Fact]
    public void QuantileHours_SeededLogNormalDurations_WithinFivePercentOfTheExactNearestRank()
    {
        // Durations from a few minutes to months (median e^7 ≈ 1,100 minutes), as stage times are.
        var random = new Random(42);
        var minutes = Enumerable.Range(0, 5000).Select(_ => Math.Exp(7 + (2.5 * Gaussian(random)))).Where(m => m >= 1 && m < 500_000).ToList();
        var histogram = new DurationHistogram();
        foreach (var m in minutes)
            histogram.Add(TimeSpan.FromMinutes(m));
        minutes.Sort();

        foreach (var q in new[] { 0.1, 0.5, 0.9, 0.99 })
        {
            var exactHours = minutes[(int)Math.Ceiling(q * minutes.Count) - 1] / 60;
            var estimate = histogram.QuantileHours(q)!.Value;
            Assert.InRange(estimate / exactHours, 1 / 1.0489, 1.0489); // √1.1 = 1.0488: half a bucket either way
        }
    }

    [Fact]
    public void Merge_TwoDays_EqualsOneHistogramOfBoth()
    {
        var monday = new DurationHistogram();
        var tuesday = new DurationHistogram();
        var both = new DurationHistogram();
        foreach (var (hours, day) in new[] { (1.0, monday), (5.0, monday), (30.0, tuesday), (5.0, tuesday) })
        {
            day.Add(TimeSpan.FromHours(hours));
            both.Add(TimeSpan.FromHours(hours));
        }

        monday.Merge(tuesday);

        Assert.Equal(both, monday);
        Assert.Equal(both.ToText(), monday.ToText());
        Assert.Equal(4, monday.Count);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
