using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests.Capture;

public class EmailAddressTests
{
    [Theory]
    [InlineData("ana@example.com", "ana@example.com")]
    [InlineData("  Ana.Lopez@Example.COM  ", "Ana.Lopez@example.com")]       // trimmed; only the domain lower-cased
    [InlineData("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]                  // apostrophe is atext (RFC 5322 §3.2.3)
    [InlineData("x@bücher.de", "x@xn--bcher-kva.de")]                         // IDNA punycode of bücher
    [InlineData("a@b.xn--p1ai", "a@b.xn--p1ai")]                              // punycode TLD (.рф)
    [InlineData("under_score-dash@my-company.io", "under_score-dash@my-company.io")]
    public void TryNormalise_ValidAddress_ReturnsNormalised(string input, string expected)
    {
        Assert.True(EmailAddress.TryNormalise(input, 254, out var normalised, out var error), error);
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("ana@")]
    [InlineData("ana@@example.com")]
    [InlineData("ana@bob@example.com")]
    [InlineData("ana@localhost")]              // single label: not reachable from the internet
    [InlineData("ana@example.c")]              // one-letter TLD
    [InlineData("ana@example.123")]            // numeric TLD
    [InlineData("ana@-example.com")]           // label starts with '-'
    [InlineData("ana@example..com")]
    [InlineData(".ana@example.com")]
    [InlineData("ana.@example.com")]
    [InlineData("an..a@example.com")]
    [InlineData("ana lopez@example.com")]
    [InlineData("\"ana\"@example.com")]         // quoted local part: valid RFC, junk on a lead form
    [InlineData("ana@[192.168.0.1]")]
    [InlineData("<ana@example.com>")]
    [InlineData("mailto:ana@example.com")]
    [InlineData("ana@exa_mple.com")]
    public void TryNormalise_Junk_FailsWithReadableMessage(string input)
    {
        Assert.False(EmailAddress.TryNormalise(input, 254, out _, out var error));
        Assert.Equal("Enter a valid email address, like name@example.com.", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryNormalise_Empty_AsksForAnAddress(string? input)
    {
        Assert.False(EmailAddress.TryNormalise(input, 254, out _, out var error));
        Assert.Equal("Enter your email address.", error);
    }

    [Fact]
    public void TryNormalise_LocalPartOver64_Fails()
    {
        // RFC 5321 §4.5.3.1.1: local part at most 64 octets.
        Assert.True(EmailAddress.TryNormalise(new string('a', 64) + "@example.com", 254, out _, out _));
        Assert.False(EmailAddress.TryNormalise(new string('a', 65) + "@example.com", 254, out _, out _));
    }

    [Fact]
    public void TryNormalise_OverMaxLength_SaysHowLong()
    {
        // 60 ("a"s) + 1 ("@") + 3 × 60 + 2 dots + 4 (".com") = 247 characters, over a limit of 200.
        var address = new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".com";

        Assert.False(EmailAddress.TryNormalise(address, 200, out _, out var error));
        Assert.Equal("The email address is too long: 247 characters, at most 200.", error);
    }
}
