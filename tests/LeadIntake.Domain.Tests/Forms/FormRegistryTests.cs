using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;

namespace LeadIntake.Domain.Tests.Forms;

public sealed class FormRegistryTests
{
    internal static LandingForm BuiltIn { get; } = new(
        FormRegistry.DefaultFormId, ["https://www.example.com"], null, [], UtmParameters.None, "Send me news.", "builtin-1", null,
        IsContactRequest: false, DisposableEmailRule.Allow, RequireToken: false, MaxPerAddressPerHour: 20, MaxPerFormPerMinute: 600,
        SpamCheck.DefaultHoneypotFields);

    [Fact]
    public void Resolve_NoRows_EveryFormIsTheBuiltInUnderItsOwnId()
    {
        var registry = new FormRegistry(BuiltIn, []);

        var form = registry.Resolve("spring-webinar");

        Assert.Equal("spring-webinar", form.FormId);
        Assert.Equal(BuiltIn with { FormId = "spring-webinar" }, form);
        Assert.Equal(FormRegistry.DefaultFormId, registry.Resolve(null).FormId);
        Assert.Equal(FormRegistry.DefaultFormId, registry.Resolve(new string('x', FormRegistry.MaxFormIdLength + 1)).FormId);
    }

    [Fact]
    public void Resolve_BlankCells_InheritTheDefaultRowWhichInheritsTheBuiltIn()
    {
        var registry = new FormRegistry(BuiltIn,
        [
            new FormSettingsRow("default") { AllowedOrigins = "https://landing.example.com, https://WWW.Example.com/", MaxPerAddressPerHour = "5" },
            new FormSettingsRow("Demo-Request") { ContactRequest = "yes", RequiredFields = "company, job_title", ConsentVersion = "2026-11" },
        ]);

        var demo = registry.Resolve("demo-request");

        Assert.Equal(["https://landing.example.com", "https://www.example.com"], demo.AllowedOrigins);
        Assert.Equal(5, demo.MaxPerAddressPerHour);
        Assert.Equal(600, demo.MaxPerFormPerMinute);
        Assert.True(demo.IsContactRequest);
        Assert.Equal([LeadFieldNames.Company, LeadFieldNames.JobTitle], demo.RequiredFields);
        Assert.Equal("Send me news.", demo.ConsentText);
        Assert.Equal("2026-11", demo.ConsentVersion);
        Assert.Equal("Demo-Request", demo.FormId);
        Assert.False(registry.Resolve("other").IsContactRequest);
        Assert.Empty(registry.Problems);
    }

    [Fact]
    public void Resolve_ValuesThatDoNotParse_AreReportedAndTheDefaultApplies()
    {
        var registry = new FormRegistry(BuiltIn,
        [
            new FormSettingsRow("webinar")
            {
                AllowedOrigins = "https://ok.example.com https://bad.example.com/path",
                ThankYouUrl = "/relative",
                RequiredFields = "company, shoe_size",
                DisposableEmails = "maybe",
                MaxPerFormPerMinute = "-3",
                RequireToken = "sometimes",
            },
        ]);

        var form = registry.Resolve("webinar");

        Assert.Equal(["https://ok.example.com"], form.AllowedOrigins);
        Assert.Null(form.ThankYouUrl);
        Assert.Equal([LeadFieldNames.Company], form.RequiredFields);
        Assert.Equal(DisposableEmailRule.Allow, form.DisposableEmails);
        Assert.Equal(600, form.MaxPerFormPerMinute);
        Assert.False(form.RequireToken);
        Assert.Equal(6, registry.Problems.Count);
        Assert.All(registry.Problems, problem => Assert.StartsWith("Form 'webinar', ", problem));
        Assert.Contains(registry.Problems, problem => problem.Contains("shoe_size", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_DefaultUtmAndDisposableRule_Parsed()
    {
        var registry = new FormRegistry(BuiltIn,
            [new FormSettingsRow("ebook") { DefaultUtmSource = "Partner", DefaultUtmCampaign = "Ebook-Q4", DisposableEmails = "Reject", HoneypotFields = "_hp fax" }]);

        var form = registry.Resolve("ebook");

        Assert.Equal(UtmParameters.None with { Source = "partner", Campaign = "Ebook-Q4" }, form.DefaultUtm);
        Assert.Equal(DisposableEmailRule.Reject, form.DisposableEmails);
        Assert.Equal(["_hp", "fax"], form.HoneypotFields);
    }

    [Theory]
    [InlineData("https://www.example.com", true)]
    [InlineData("https://WWW.EXAMPLE.COM", true)]
    [InlineData("http://www.example.com", false)]
    [InlineData("https://www.example.com:8443", false)]
    [InlineData("https://evil.example.net", false)]
    [InlineData(null, false)]
    public void AllowsOrigin_ExactOriginOnly(string? origin, bool allowed) =>
        Assert.Equal(allowed, new FormRegistry(BuiltIn, []).Resolve("x").AllowsOrigin(FormRegistry.NormaliseOrigin(origin) ?? origin));

    [Fact]
    public void AnyFormAllows_AnOriginOfAnyRow()
    {
        var registry = new FormRegistry(BuiltIn, [new FormSettingsRow("partner") { AllowedOrigins = "https://partner.example.org" }]);

        Assert.True(registry.AnyFormAllows("https://partner.example.org"));
        Assert.True(registry.AnyFormAllows("https://www.example.com"));
        Assert.False(registry.AnyFormAllows("https://evil.example.net"));
        Assert.False(registry.Resolve("other").AllowsOrigin("https://partner.example.org"));
    }

    [Theory]
    [InlineData("https://Example.com/", "https://example.com")]
    [InlineData("http://localhost:5173", "http://localhost:5173")]
    [InlineData("https://example.com/path", null)]
    [InlineData("https://user@example.com", null)]
    [InlineData("ftp://example.com", null)]
    [InlineData("null", null)]
    public void NormaliseOrigin_SchemeHostPortOnly(string value, string? expected) => Assert.Equal(expected, FormRegistry.NormaliseOrigin(value));
}
