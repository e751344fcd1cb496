using LeadIntake.Domain.Enrichment;

namespace LeadIntake.Domain.Tests.Enrichment;

public class LeadEnricherTests
{
    [Theory]
    [InlineData("Ana@Acme.com", EmailClass.Corporate, "acme.com", "acme.com")]
    [InlineData("info@acme.com", EmailClass.Role, "acme.com", "acme.com")]     // a role mailbox still names the company
    [InlineData("ana@gmail.com", EmailClass.FreeMail, "gmail.com", null)]
    [InlineData("ana@mailinator.com", EmailClass.Disposable, "mailinator.com", null)]
    public void Enrich_EmailClassAndCompanyDomain(string email, EmailClass emailClass, string domain, string? companyDomain)
    {
        var s = TestLeads.Submit(TestLeads.T0, ("email", email), ("jobTitle", "VP Sales"));

        var e = LeadEnricher.Enrich(s);

        Assert.Equal(emailClass, e.EmailClass);
        Assert.Equal(domain, e.EmailDomain);
        Assert.Equal(companyDomain, e.CompanyDomain);
        Assert.Equal(JobSeniority.VicePresident, e.JobSeniority);
        Assert.Equal(MarketingChannel.Direct, e.Touch.Channel);
    }
}
