using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Enrichment;

/// <summary>Derives email class, company domain, marketing touch and seniority from a submission.</summary>
public static class LeadEnricher
{
    /// <summary>Enriches <paramref name="submission"/>. Pure and deterministic.</summary>
    public static LeadEnrichment Enrich(LeadSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var emailClass = EmailClassifier.Classify(submission.Email);
        var domain = EmailAddress.DomainOf(submission.Email);
        var companyDomain = emailClass is EmailClass.Corporate or EmailClass.Role ? domain : null;
        return new LeadEnrichment(
            emailClass, domain, companyDomain, ChannelClassifier.TouchOf(submission), JobSeniorityClassifier.Classify(submission.JobTitle));
    }
}
