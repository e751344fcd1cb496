using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;

namespace LeadIntake.Domain.Tests.Forms;

public sealed class LandingFormRulesTests
{
    private static readonly LeadSubmission s_submission = new()
    {
        SubmissionId = "sb_x", LeadId = "ld_x", Email = "ada@contoso.com", ReceivedAt = DateTimeOffset.UnixEpoch, Company = "Contoso",
    };

    private readonly LandingForm _form = FormRegistryTests.BuiltIn;

    [Fact]
    public void MissingFieldErrors_KeyedByThePostedNameOrTheCanonicalOne()
    {
        var form = _form with { RequiredFields = [LeadFieldNames.Company, LeadFieldNames.JobTitle, LeadFieldNames.Phone] };
        var posted = RawLeadForm.From(("email", "ada@contoso.com"), ("company", "Contoso"), ("job_title", " "));

        var errors = LandingFormRules.FieldErrors(form, s_submission, posted);

        Assert.Equal(["job_title", LeadFieldNames.Phone], errors.Keys.Order());
        Assert.Equal("Job title is required on this form.", Assert.Single(errors["job_title"]));
    }

    [Fact]
    public void Apply_DefaultUtmOnlyWhenTheVisitBroughtNone()
    {
        var form = _form with { DefaultUtm = UtmParameters.None with { Source = "partner", Campaign = "q4" } };
        var tracked = s_submission with { Utm = UtmParameters.None with { Source = "google" } };

        Assert.Equal("partner", LandingFormRules.Apply(form, s_submission).Utm.Source);
        Assert.Equal(tracked.Utm, LandingFormRules.Apply(form, tracked).Utm);
    }

    [Fact]
    public void Apply_ContactRequestForm_CountsAsContactMeUnlessTheFormSaidNo()
    {
        var form = _form with { IsContactRequest = true };

        Assert.True(LandingFormRules.Apply(form, s_submission).ContactRequested);
        Assert.False(LandingFormRules.Apply(form, s_submission with { ContactRequested = false }).ContactRequested);
        Assert.Null(LandingFormRules.Apply(_form, s_submission).ContactRequested);
    }

    [Fact]
    public void Apply_ConsentVersionRecordedOnlyWithConsent()
    {
        Assert.Equal("builtin-1", LandingFormRules.Apply(_form, s_submission with { ConsentMarketing = true }).ConsentVersion);
        Assert.Null(LandingFormRules.Apply(_form, s_submission with { ConsentMarketing = false }).ConsentVersion);
        Assert.Null(LandingFormRules.Apply(_form, s_submission).ConsentVersion);
    }
}
