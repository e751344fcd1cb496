using LeadIntake.Domain.Forms;

namespace LeadIntake.Domain.Tests.Forms;

public sealed class SpamCheckTests
{
    private static readonly FormTokenCheck s_valid = new(FormTokenStatus.Valid, DateTimeOffset.UnixEpoch);
    private static readonly FormTokenCheck s_missing = new(FormTokenStatus.Missing, null);
    private readonly LandingForm _form = FormRegistryTests.BuiltIn;

    private static List<KeyValuePair<string, string?>> Fields(params (string Name, string? Value)[] fields) =>
        [.. fields.Select(field => new KeyValuePair<string, string?>(field.Name, field.Value))];

    [Fact]
    public void ReasonFor_OrdinarySubmission_None() =>
        Assert.Null(SpamCheck.ReasonFor(_form, Fields(("email", "ada@contoso.com"), ("first_name", "Ada"), ("_hp", "")), s_valid));

    [Theory]
    [InlineData("_hp")]
    [InlineData("_gotcha")]
    [InlineData("hp_email")]
    [InlineData("Website")]
    public void ReasonFor_FilledHoneypot_Honeypot(string honeypot) =>
        Assert.Equal(SpamReason.Honeypot, SpamCheck.ReasonFor(_form, Fields(("email", "ada@contoso.com"), (honeypot, "http://spam.example")), s_valid));

    [Fact]
    public void ReasonFor_HoneypotsAreThePerFormList()
    {
        var form = _form with { HoneypotFields = ["fax"] };

        Assert.Null(SpamCheck.ReasonFor(form, Fields(("website", "https://contoso.com")), s_valid));
        Assert.Equal(SpamReason.Honeypot, SpamCheck.ReasonFor(form, Fields(("fax", "1")), s_valid));
    }

    [Theory]
    [InlineData(FormTokenStatus.Invalid, SpamReason.TokenInvalid)]
    [InlineData(FormTokenStatus.Expired, SpamReason.TokenExpired)]
    [InlineData(FormTokenStatus.TooFast, SpamReason.TooFast)]
    public void ReasonFor_BadToken_Named(FormTokenStatus status, string reason) =>
        Assert.Equal(reason, SpamCheck.ReasonFor(_form, Fields(("email", "ada@contoso.com")), new FormTokenCheck(status, null)));

    [Fact]
    public void ReasonFor_MissingToken_SpamOnlyWhereTheFormRequiresOne()
    {
        Assert.Null(SpamCheck.ReasonFor(_form, Fields(("email", "ada@contoso.com")), s_missing));
        Assert.Equal(SpamReason.TokenMissing, SpamCheck.ReasonFor(_form with { RequireToken = true }, Fields(("email", "ada@contoso.com")), s_missing));
    }

    [Theory]
    [InlineData("first_name", "Win $$$ at http://casino.example")]
    [InlineData("firstName", "visit www.pills.example")]
    [InlineData("last_name", "<a href=x>cheap</a>")]
    [InlineData("LastName", "[url=http://x]y[/url]")]
    public void ReasonFor_LinkOrMarkupInAName_LinkInName(string field, string value) =>
        Assert.Equal(SpamReason.LinkInName, SpamCheck.ReasonFor(_form, Fields(("email", "ada@contoso.com"), (field, value)), s_valid));

    [Theory]
    [InlineData("first_name", "Zoë")]
    [InlineData("last_name", "O'Brien-Smith")]
    [InlineData("company", "Booking.com")]          // companies may be named like web sites
    [InlineData("message", "See https://contoso.com/rfp")]
    [InlineData("first_name", "a < b")]
    public void ReasonFor_OrdinaryText_None(string field, string value) =>
        Assert.Null(SpamCheck.ReasonFor(_form, Fields(("email", "ada@contoso.com"), (field, value)), s_valid));

    [Fact]
    public void ReasonFor_DisposableDomain_SpamOnlyByTheFormsRule()
    {
        var submission = new LeadIntake.Domain.Capture.LeadSubmission { SubmissionId = "sb_x", LeadId = "ld_x", Email = "x@mailinator.com", ReceivedAt = DateTimeOffset.UnixEpoch };

        Assert.Null(SpamCheck.ReasonFor(_form, submission));
        Assert.Null(SpamCheck.ReasonFor(_form with { DisposableEmails = DisposableEmailRule.Reject }, submission));
        Assert.Equal(SpamReason.DisposableEmail, SpamCheck.ReasonFor(_form with { DisposableEmails = DisposableEmailRule.Spam }, submission));
        Assert.Null(SpamCheck.ReasonFor(_form with { DisposableEmails = DisposableEmailRule.Spam }, submission with { Email = "x@contoso.com" }));
    }
}
