namespace LeadIntake.Domain.Enrichment;

/// <summary>What the pipeline derives from one submission.</summary>
/// <param name="EmailClass">The kind of mailbox.</param>
/// <param name="EmailDomain">The address's domain (lower-case).</param>
/// <param name="CompanyDomain">The company's web domain: the email domain for corporate and role addresses, else null.</param>
/// <param name="Touch">The marketing touch of this submission.</param>
/// <param name="JobSeniority">Seniority derived from the job title.</param>
public sealed record LeadEnrichment(
    EmailClass EmailClass, string EmailDomain, string? CompanyDomain, Touch Touch, JobSeniority JobSeniority);
