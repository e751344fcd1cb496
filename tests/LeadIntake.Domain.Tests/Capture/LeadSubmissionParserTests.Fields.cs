using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests.Capture;

public partial class LeadSubmissionParserTests
{
    // Limits are the LeadCaptureLimits defaults; each limit is accepted exactly and refused one character over.
    [Theory]
    [InlineData("lastName", "Last name", 100)]
    [InlineData("company", "Company", 200)]
    [InlineData("jobTitle", "Job title", 150)]
    [InlineData("country", "Country", 100)]
    [InlineData("message", "Message", 5000)]
    [InlineData("formId", "Form id", 100)]
    [InlineData("utm_campaign", "utm_campaign", 250)]
    public void Parse_LengthLimits_ExactAcceptedOneMoreRefused(string field, string label, int limit)
    {
        Assert.True(TestLeads.Parse(("email", "ana@example.com"), (field, new string('a', limit))).IsValid);

        var result = TestLeads.Parse(("email", "ana@example.com"), (field, new string('a', limit + 1)));

        Assert.Equal([$"{label} is too long: {limit + 1} characters, at most {limit}."], result.Errors[field]);
    }

    [Fact]
    public void Parse_LengthMeasuredAfterTrimming()
    {
        Assert.True(TestLeads.Parse(("email", "ana@example.com"), ("firstName", "   " + new string('a', 100) + "   ")).IsValid);
    }

    [Fact]
    public void Parse_CustomLimits_Applied()
    {
        var limits = LeadCaptureLimits.Default with { MaxNameLength = 5 };

        var result = LeadSubmissionParser.Parse(
            RawLeadForm.From(("email", "ana@example.com"), ("firstName", "Annabel")), TestLeads.Context(), TestLeads.Identity, limits);

        Assert.Equal(["First name is too long: 7 characters, at most 5."], result.Errors["firstName"]);
    }

    [Theory]
    [InlineData("+49 30 1234567")]
    [InlineData("030/1234567")]
    [InlineData("(555) 123-4567")]
    [InlineData("+1.555.123.4567")]
    [InlineData("+44 20 7946 0958 ext. 12")]
    [InlineData("555-1234 x99")]
    [InlineData("12345")]                  // 5 digits: the shortest accepted
    public void Parse_PhoneValid_Kept(string phone)
    {
        Assert.Equal(phone, TestLeads.Parse(("email", "ana@example.com"), ("phone", phone)).Value?.Phone);
    }

    [Theory]
    [InlineData("call me")]
    [InlineData("1234")]                   // 4 digits: too short to be a number
    [InlineData("123456789012345678901")]  // 21 digits: longer than E.164 allows
    [InlineData("49+30 123456")]           // '+' only in front
    [InlineData("++49 30 123456")]
    [InlineData("030-123456; DROP TABLE")]
    public void Parse_PhoneJunk_ErrorKeyedPhone(string phone)
    {
        var result = TestLeads.Parse(("email", "ana@example.com"), ("phone", phone));

        Assert.Equal(
            ["Enter a phone number using digits, spaces and + ( ) - . / only, for example +49 30 1234567."],
            result.Errors["phone"]);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/page")]
    [InlineData("ftp://example.com/file")]
    public void Parse_PageUrlNotWeb_Error(string url)
    {
        var result = TestLeads.Parse(("email", "ana@example.com"), ("pageUrl", url));

        Assert.Equal(["Page URL must be a full web address starting with http:// or https://."], result.Errors["pageUrl"]);
    }

    [Fact]
    public void Parse_UtmFromFields_WinsOverPageUrlAsAUnit()
    {
        var s = TestLeads.Parse(
            ("email", "ana@example.com"),
            ("utm_source", "Newsletter"),
            ("pageUrl", "https://example.com/?utm_source=google&utm_medium=cpc&gclid=abc")).Value!;

        // Fields had a source: the URL's medium and gclid are not mixed in.
        Assert.Equal(new UtmParameters("newsletter", null, null, null, null, null, null), s.Utm);
    }

    [Fact]
    public void Parse_UtmFromPageUrlQuery_DecodedAndSourceMediumLowerCased()
    {
        var s = TestLeads.Parse(
            ("email", "ana@example.com"),
            ("page_url", "https://example.com/landing?utm_source=LinkedIn&utm_medium=Paid_Social&utm_campaign=Q4+Launch%20%E2%9C%93&utm_term=lead%20scoring&utm_content=banner-a&fbclid=IwAR0x")).Value!;

        Assert.Equal(new UtmParameters("linkedin", "paid_social", "Q4 Launch ✓", "lead scoring", "banner-a", null, "IwAR0x"), s.Utm);
    }

    [Fact]
    public void Parse_NoPageUrl_UtmAndPageFromReferer()
    {
        var context = TestLeads.Context(referer: "https://example.com/webinar?gclid=Cj0KCQ&utm_source=google");

        var s = LeadSubmissionParser.Parse(RawLeadForm.From(("email", "ana@example.com")), context, TestLeads.Identity, LeadCaptureLimits.Default).Value!;

        Assert.Equal("https://example.com/webinar?gclid=Cj0KCQ&utm_source=google", s.PageUrl);
        Assert.Equal("https://example.com/webinar?gclid=Cj0KCQ&utm_source=google", s.Referer);
        Assert.Equal(new UtmParameters("google", null, null, null, null, "Cj0KCQ", null), s.Utm);
    }

    [Fact]
    public void Parse_UtmInUrlTooLong_CutNotRefused()
    {
        var s = TestLeads.Parse(("email", "ana@example.com"), ("pageUrl", "https://example.com/?utm_campaign=" + new string('c', 300))).Value!;

        Assert.Equal(250, s.Utm.Campaign!.Length);   // MaxUtmLength default 250
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("android-app://com.google.android.gm/")]
    public void Parse_UnusableRefererHeader_DroppedNotAnError(string referer)
    {
        var result = LeadSubmissionParser.Parse(
            RawLeadForm.From(("email", "ana@example.com")), TestLeads.Context(referer: referer), TestLeads.Identity, LeadCaptureLimits.Default);

        Assert.True(result.IsValid);
        Assert.Null(result.Value.Referer);
        Assert.Null(result.Value.PageUrl);
    }

    [Fact]
    public void Parse_ReferrerField_IsPageReferrer()
    {
        var s = TestLeads.Parse(("email", "ana@example.com"), ("referrer", "https://news.ycombinator.com/item?id=1")).Value!;

        Assert.Equal("https://news.ycombinator.com/item?id=1", s.PageReferrer);
    }

    [Fact]
    public void Parse_LongUserAgent_CutTo512()
    {
        var context = TestLeads.Context() with { UserAgent = new string('u', 600) };

        var s = LeadSubmissionParser.Parse(RawLeadForm.From(("email", "ana@example.com")), context, TestLeads.Identity, LeadCaptureLimits.Default).Value!;

        Assert.Equal(512, s.UserAgent!.Length);
    }

    [Fact]
    public void Parse_ReceivedAtWithOffset_StoredAsUtc()
    {
        var context = TestLeads.Context(new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.FromHours(2)));

        var s = LeadSubmissionParser.Parse(RawLeadForm.From(("email", "ana@example.com")), context, TestLeads.Identity, LeadCaptureLimits.Default).Value!;

        Assert.Equal(TimeSpan.Zero, s.ReceivedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), s.ReceivedAt);
    }

    [Fact]
    public void Parse_TwoSubmissions_DistinctTimeOrderedIds()
    {
        var first = LeadSubmissionParser.NewSubmissionId(TestLeads.T0);
        var second = LeadSubmissionParser.NewSubmissionId(TestLeads.T0.AddMilliseconds(1));

        Assert.NotEqual(first, second);
        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Fact]
    public void Parse_NoClientIp_NoHash()
    {
        var s = LeadSubmissionParser.Parse(
            RawLeadForm.From(("email", "ana@example.com")), TestLeads.Context(ip: null), TestLeads.Identity, LeadCaptureLimits.Default).Value!;

        Assert.Null(s.ClientIpHash);
    }
}
