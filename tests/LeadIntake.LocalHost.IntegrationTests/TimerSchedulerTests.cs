namespace LeadIntake.LocalHost.IntegrationTests;

/// <summary>Timer triggers on an NCRONTAB schedule given through <c>%TestTimerSchedule%</c>.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class TimerSchedulerTests(TestWorkerHost fixture)
{
    [Fact]
    public async Task TimerRecorder_EverySecondSchedule_FiresRepeatedlyWithTimerInfo()
    {
        var before = fixture.TimerFirings().Count;

        await fixture.WaitUntilAsync(() => fixture.TimerFirings().Count >= before + 2, TimeSpan.FromSeconds(10), "two more timer firings");

        var firings = fixture.TimerFirings();
        Assert.All(firings, firing =>
        {
            Assert.False(firing.GetProperty("isPastDue").GetBoolean());
            Assert.True(firing.GetProperty("next").GetDateTimeOffset() > firing.GetProperty("at").GetDateTimeOffset().AddSeconds(-1));
        });
        var times = firings.Select(firing => firing.GetProperty("at").GetDateTimeOffset()).ToList();
        // Every second, never twice in the same second.
        Assert.Equal(times.Count, times.Select(time => time.ToUnixTimeSeconds()).Distinct().Count());
    }
}
