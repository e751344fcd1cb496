using System.Text;
using LeadIntake.Domain.Forms;

namespace LeadIntake.Domain.Tests.Forms;

public sealed class FormTokensTests
{
    private static readonly DateTimeOffset s_renderedAt = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FormTokens _tokens = new(Encoding.UTF8.GetBytes("form-token-test-secret-0123456789"));

    [Fact]
    public void Check_HumanPace_Valid()
    {
        var token = _tokens.Issue("demo", s_renderedAt);

        var check = _tokens.Check("demo", token, s_renderedAt.AddSeconds(25));

        Assert.Equal(FormTokenStatus.Valid, check.Status);
        Assert.Equal(s_renderedAt, check.RenderedAt);
    }

    [Fact]
    public void Check_FormIdsAreCaseInsensitive() =>
        Assert.Equal(FormTokenStatus.Valid, _tokens.Check("DEMO", _tokens.Issue("demo", s_renderedAt), s_renderedAt.AddMinutes(1)).Status);

    [Fact]
    public void Check_UnderTwoSeconds_TooFast() =>
        Assert.Equal(FormTokenStatus.TooFast, _tokens.Check("demo", _tokens.Issue("demo", s_renderedAt), s_renderedAt.AddMilliseconds(1999)).Status);

    [Fact]
    public void Check_OverADay_Expired() =>
        Assert.Equal(FormTokenStatus.Expired, _tokens.Check("demo", _tokens.Issue("demo", s_renderedAt), s_renderedAt.AddDays(1).AddSeconds(1)).Status);

    [Fact]
    public void Check_Missing() => Assert.Equal(FormTokenStatus.Missing, _tokens.Check("demo", " ", s_renderedAt).Status);

    [Fact]
    public void Check_AnotherFormsToken_Invalid() =>
        Assert.Equal(FormTokenStatus.Invalid, _tokens.Check("pricing", _tokens.Issue("demo", s_renderedAt), s_renderedAt.AddMinutes(1)).Status);

    [Fact]
    public void Check_AnotherKeysToken_Invalid()
    {
        var other = new FormTokens(Encoding.UTF8.GetBytes("another-secret-entirely-0123456789"));

        Assert.Equal(FormTokenStatus.Invalid, _tokens.Check("demo", other.Issue("demo", s_renderedAt), s_renderedAt.AddMinutes(1)).Status);
    }

    [Fact]
    public void Check_BackdatedRenderTime_Invalid()
    {
        // A bot that rewrites the render time to look slow breaks the signature.
        var parts = _tokens.Issue("demo", s_renderedAt).Split('.');
        parts[1] = s_renderedAt.AddMinutes(-5).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(FormTokenStatus.Invalid, _tokens.Check("demo", string.Join('.', parts), s_renderedAt.AddSeconds(1)).Status);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("v1.1.2.3.4")]
    [InlineData("v2.1764666000000.1764666000000.0123456789abcdefghjkmnpqrs.0123456789abcdefghjkmnpqrs")]
    public void Check_Malformed_Invalid(string token) => Assert.Equal(FormTokenStatus.Invalid, _tokens.Check("demo", token, s_renderedAt).Status);

    [Fact]
    public void Check_FromTheFuture_Invalid() =>
        Assert.Equal(FormTokenStatus.Invalid, _tokens.Check("demo", _tokens.Issue("demo", s_renderedAt.AddMinutes(5)), s_renderedAt).Status);

    [Fact]
    public void Renew_KeepsTheRenderTimeAndExtendsTheLifetime()
    {
        var token = _tokens.Issue("demo", s_renderedAt);
        var renewedAt = s_renderedAt.AddDays(3);

        var renewed = _tokens.Renew("demo", token, renewedAt);
        var check = _tokens.Check("demo", renewed, renewedAt.AddSeconds(1));

        Assert.Equal(FormTokenStatus.Valid, check.Status);   // not "too fast": the page rendered three days ago
        Assert.Equal(s_renderedAt, check.RenderedAt);
    }

    [Fact]
    public void Renew_ForgedOrAncientToken_IsAFreshOne()
    {
        var now = s_renderedAt.AddDays(40);

        var fromAncient = _tokens.Check("demo", _tokens.Renew("demo", _tokens.Issue("demo", s_renderedAt), now), now.AddSeconds(1));
        var fromForged = _tokens.Check("demo", _tokens.Renew("demo", "v1.1.1.x.y", now), now.AddSeconds(1));

        Assert.Equal(FormTokenStatus.TooFast, fromAncient.Status);
        Assert.Equal(now, fromAncient.RenderedAt);
        Assert.Equal(FormTokenStatus.TooFast, fromForged.Status);
    }
}
