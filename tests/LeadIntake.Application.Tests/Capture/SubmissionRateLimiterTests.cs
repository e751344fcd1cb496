using LeadIntake.Application.Capture;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Application.Tests.Capture;

public sealed class SubmissionRateLimiterTests
{
    private static readonly LandingForm s_form = new(
        "demo", [], null, [], UtmParameters.None, null, null, null, false, DisposableEmailRule.Allow, false,
        MaxPerAddressPerHour: 3, MaxPerFormPerMinute: 100, SpamCheck.DefaultHoneypotFields);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryTake_OverTheAddressLimit_RateAddressForThatAddressOnly()
    {
        var limiter = new SubmissionRateLimiter(_time);

        var answers = Enumerable.Range(0, 4).Select(_ => limiter.TryTake(s_form, "ip_a")).ToList();

        Assert.Equal([null, null, null, SpamReason.AddressRateLimit], answers);
        Assert.Null(limiter.TryTake(s_form, "ip_b"));
        Assert.Null(limiter.TryTake(s_form with { FormId = "pricing" }, "ip_a"));   // per form
    }

    [Fact]
    public void TryTake_SlidingWindow_FreesUpAsThePreviousHourSlidesOut()
    {
        var limiter = new SubmissionRateLimiter(_time);
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 50, 0, TimeSpan.Zero));
        for (var i = 0; i < 3; i++)
            Assert.Null(limiter.TryTake(s_form, "ip_a"));

        // 10:05: the 9:00 window still weighs 55/60 of 3 = 2.75, so no room; a fixed window would have reset at 10:00.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 5, 0, TimeSpan.Zero));
        Assert.Equal(SpamReason.AddressRateLimit, limiter.TryTake(s_form, "ip_a"));

        // 10:25: it weighs 35/60 of 3 = 1.75, room for one more.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 25, 0, TimeSpan.Zero));
        Assert.Null(limiter.TryTake(s_form, "ip_a"));
        Assert.Equal(SpamReason.AddressRateLimit, limiter.TryTake(s_form, "ip_a"));

        // Two hours on, everything has slid out.
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Null(limiter.TryTake(s_form, "ip_a"));
    }

    [Fact]
    public void TryTake_OverTheFormLimit_RateFormForEveryone()
    {
        var limiter = new SubmissionRateLimiter(_time);
        var form = s_form with { MaxPerFormPerMinute = 5, MaxPerAddressPerHour = 1000 };

        var answers = Enumerable.Range(0, 6).Select(i => limiter.TryTake(form, "ip_" + i)).ToList();

        Assert.Equal(SpamReason.FormRateLimit, answers[^1]);
        Assert.All(answers[..^1], Assert.Null);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(limiter.TryTake(form, "ip_new"));
    }

    [Fact]
    public void TryTake_NoClientAddress_OnlyTheFormLimitApplies()
    {
        var limiter = new SubmissionRateLimiter(_time);

        Assert.All(Enumerable.Range(0, 10).Select(_ => limiter.TryTake(s_form, null)), Assert.Null);
    }

    [Fact]
    public void TryTake_ManyCallersAtOnce_NeverMoreThanTheLimit()
    {
        var limiter = new SubmissionRateLimiter(_time);
        var form = s_form with { MaxPerAddressPerHour = 50 };

        var taken = 0;
        Parallel.For(0, 1000, _ =>
        {
            if (limiter.TryTake(form, "ip_a") is null)
                Interlocked.Increment(ref taken);
        });

        Assert.Equal(50, taken);
    }
}
