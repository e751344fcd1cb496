using System.Security.Cryptography;
using System.Text;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests.Capture;

public class LeadIdentityTests
{
    [Fact]
    public void LeadIdFor_SameAddressAnyCase_SameId()
    {
        var id = TestLeads.Identity.LeadIdFor("Ana.Lopez@example.com");

        Assert.Equal(id, TestLeads.Identity.LeadIdFor("ana.lopez@EXAMPLE.com"));
        Assert.Equal(id, TestLeads.Identity.LeadIdFor("  ana.lopez@example.com "));
        Assert.NotEqual(id, TestLeads.Identity.LeadIdFor("ana.lopez2@example.com"));
    }

    [Fact]
    public void LeadIdFor_IsKeyedHmacOfLowerCaseAddress()
    {
        // Computed independently: HMAC-SHA256(key, "email:" + lower-case address), first 16 bytes, Crockford base32.
        var key = "test-key-0123456789abcdef"u8.ToArray();
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("email:ana@example.com"));
        var expected = "ld_" + Base32(mac.AsSpan(0, 16));

        Assert.Equal(expected, TestLeads.Identity.LeadIdFor("Ana@Example.com"));
    }

    [Fact]
    public void LeadIdFor_DifferentKey_DifferentId()
    {
        var other = new LeadIdentity("another-key-0123456789ab"u8.ToArray());

        Assert.NotEqual(TestLeads.Identity.LeadIdFor("ana@example.com"), other.LeadIdFor("ana@example.com"));
    }

    [Theory]
    [InlineData("ana@example.com")]
    [InlineData("x@y.io")]
    public void LeadIdFor_Shape_PrefixAnd26SafeCharacters(string email)
    {
        var id = TestLeads.Identity.LeadIdFor(email);

        Assert.Matches("^ld_[0-9a-hjkmnp-tv-z]{26}$", id);   // Crockford alphabet: no i, l, o, u
        Assert.True(LeadIdentity.IsLeadId(id));
        Assert.DoesNotContain("example", id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ld_short")]
    [InlineData("xx_0123456789abcdefghjkmnpq")]
    [InlineData("ld_0123456789abcdefghjkmnpi")]   // 'i' is not in the alphabet
    public void IsLeadId_Malformed_False(string? id)
    {
        Assert.False(LeadIdentity.IsLeadId(id));
    }

    [Fact]
    public void Constructor_KeyShorterThan16Bytes_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new LeadIdentity(new byte[15]));

        Assert.Contains("at least 16 bytes", e.Message);
    }

    [Fact]
    public void Constructor_CopiesKey_LaterChangesDoNotMatter()
    {
        var key = "test-key-0123456789abcdef"u8.ToArray();
        var identity = new LeadIdentity(key);
        var before = identity.LeadIdFor("ana@example.com");

        key[0] ^= 0xFF;

        Assert.Equal(before, identity.LeadIdFor("ana@example.com"));
    }

    [Fact]
    public void HashClientIp_NeverContainsIpAndIsStable()
    {
        var hash = TestLeads.Identity.HashClientIp("203.0.113.7");

        Assert.Matches("^ip_[0-9a-z]{26}$", hash!);
        Assert.DoesNotContain("203", hash);
        Assert.Equal(hash, TestLeads.Identity.HashClientIp(" 203.0.113.7 "));
        Assert.Equal(hash, TestLeads.Identity.HashClientIp("::ffff:203.0.113.7"));   // IPv4-mapped IPv6 is the same client
        Assert.NotEqual(hash, TestLeads.Identity.HashClientIp("203.0.113.8"));
    }

    [Fact]
    public void HashClientIp_EmailAndIpDomainsSeparated()
    {
        // The same text hashed as an email and as an IP must not collide (different "email:"/"ip:" prefixes).
        Assert.NotEqual(
            TestLeads.Identity.LeadIdFor("1.2.3.4")[3..],
            TestLeads.Identity.HashClientIp("1.2.3.4")![3..]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void HashClientIp_None_Null(string? ip)
    {
        Assert.Null(TestLeads.Identity.HashClientIp(ip));
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        var bits = string.Concat(bytes.ToArray().Select(b => Convert.ToString(b, 2).PadLeft(8, '0'))).PadRight(130, '0');
        return string.Concat(Enumerable.Range(0, 26).Select(i => alphabet[Convert.ToInt32(bits.Substring(i * 5, 5), 2)]));
    }
}
