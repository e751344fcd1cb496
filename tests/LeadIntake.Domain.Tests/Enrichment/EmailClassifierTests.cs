using LeadIntake.Domain.Enrichment;

namespace LeadIntake.Domain.Tests.Enrichment;

public class EmailClassifierTests
{
    [Theory]
    [InlineData("ana@acme.com", EmailClass.Corporate)]
    [InlineData("ana.lopez@mail.acme.co.uk", EmailClass.Corporate)]
    [InlineData("ana@gmail.com", EmailClass.FreeMail)]
    [InlineData("ana@outlook.com", EmailClass.FreeMail)]
    [InlineData("ana@gmx.de", EmailClass.FreeMail)]
    [InlineData("ana@yahoo.co.uk", EmailClass.FreeMail)]           // country variant: matched on the "yahoo" label
    [InlineData("ana@hotmail.fr", EmailClass.FreeMail)]
    [InlineData("ana@proton.me", EmailClass.FreeMail)]
    [InlineData("x@mailinator.com", EmailClass.Disposable)]
    [InlineData("x@anything.mailinator.com", EmailClass.Disposable)] // subdomains of a disposable provider
    [InlineData("x@10minutemail.com", EmailClass.Disposable)]
    [InlineData("x@yopmail.com", EmailClass.Disposable)]
    [InlineData("info@acme.com", EmailClass.Role)]
    [InlineData("Sales@acme.com", EmailClass.Role)]
    [InlineData("admin@acme.com", EmailClass.Role)]
    [InlineData("support@acme.com", EmailClass.Role)]
    [InlineData("noreply@acme.com", EmailClass.Role)]
    [InlineData("no-reply@acme.com", EmailClass.Role)]
    [InlineData("sales+web@acme.com", EmailClass.Role)]              // "+tag" ignored
    [InlineData("sales.team.lead@acme.com", EmailClass.Corporate)]   // a person whose address merely starts with a role
    [InlineData("information@acme.com", EmailClass.Corporate)]
    [InlineData("info@gmail.com", EmailClass.FreeMail)]              // free-mail wins over role: a private mailbox
    [InlineData("info@mailinator.com", EmailClass.Disposable)]       // disposable wins over everything
    [InlineData("ana@outlook.com.br", EmailClass.FreeMail)]
    [InlineData("ana@live.acme.com", EmailClass.Corporate)]             // a company subdomain, not live.com
    [InlineData("ana@yahoo.acme.de", EmailClass.Corporate)]
    [InlineData("ana@gmailx.com", EmailClass.Corporate)]             // lookalike domains are not the provider
    public void Classify_Table(string email, EmailClass expected)
    {
        Assert.Equal(expected, EmailClassifier.Classify(email));
    }
}
