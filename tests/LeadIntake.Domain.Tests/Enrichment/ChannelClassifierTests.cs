using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;

namespace LeadIntake.Domain.Tests.Enrichment;

public class ChannelClassifierTests
{
    [Theory]
    [InlineData("google", "cpc", null, null, MarketingChannel.PaidSearch)]
    [InlineData("bing", "ppc", null, null, MarketingChannel.PaidSearch)]
    [InlineData("google", "paid_search", null, null, MarketingChannel.PaidSearch)]
    [InlineData(null, null, "Cj0KCQ", null, MarketingChannel.PaidSearch)]          // gclid alone
    [InlineData("newsletter", "email", "Cj0KCQ", null, MarketingChannel.PaidSearch)] // gclid beats the tags
    [InlineData("facebook", "cpc", null, null, MarketingChannel.Social)]           // paid social, not search
    [InlineData("linkedin", "paid_social", null, null, MarketingChannel.Social)]
    [InlineData(null, null, null, "IwAR0x", MarketingChannel.Social)]              // fbclid alone
    [InlineData("linkedin", null, null, null, MarketingChannel.Social)]
    [InlineData("x", null, null, null, MarketingChannel.Social)]
    [InlineData("lnkd.in", null, null, null, MarketingChannel.Social)]
    [InlineData("newsletter", "email", null, null, MarketingChannel.Email)]
    [InlineData("mailchimp", "newsletter", null, null, MarketingChannel.Email)]
    [InlineData("google", "organic", null, null, MarketingChannel.OrganicSearch)]
    [InlineData("duckduckgo", null, null, null, MarketingChannel.OrganicSearch)]
    [InlineData("partner-site", "referral", null, null, MarketingChannel.Referral)]
    [InlineData("podcast", "audio", null, null, MarketingChannel.Referral)]        // tagged but unknown: referral
    public void FromTags_Table(string? source, string? medium, string? gclid, string? fbclid, MarketingChannel expected)
    {
        Assert.Equal(expected, ChannelClassifier.FromTags(new UtmParameters(source, medium, null, null, null, gclid, fbclid)));
    }

    [Theory]
    [InlineData("www.google.com", MarketingChannel.OrganicSearch)]
    [InlineData("www.google.co.uk", MarketingChannel.OrganicSearch)]
    [InlineData("www.bing.com", MarketingChannel.OrganicSearch)]
    [InlineData("duckduckgo.com", MarketingChannel.OrganicSearch)]
    [InlineData("search.yahoo.com", MarketingChannel.OrganicSearch)]
    [InlineData("mail.google.com", MarketingChannel.Email)]          // webmail, not search
    [InlineData("outlook.live.com", MarketingChannel.Email)]
    [InlineData("l.facebook.com", MarketingChannel.Social)]
    [InlineData("www.linkedin.com", MarketingChannel.Social)]
    [InlineData("lnkd.in", MarketingChannel.Social)]
    [InlineData("t.co", MarketingChannel.Social)]
    [InlineData("x.com", MarketingChannel.Social)]
    [InlineData("twitter.com", MarketingChannel.Social)]
    [InlineData("www.instagram.com", MarketingChannel.Social)]
    [InlineData("news.ycombinator.com", MarketingChannel.Referral)]
    [InlineData("t.com", MarketingChannel.Referral)]                 // a one-letter label only counts as t.co / x.com
    [InlineData("blog.partner.io", MarketingChannel.Referral)]
    public void FromReferrerHost_Table(string host, MarketingChannel expected)
    {
        Assert.Equal(expected, ChannelClassifier.FromReferrerHost(host));
    }

    [Fact]
    public void TouchOf_NoTagsNoReferrer_Direct()
    {
        var s = TestLeads.Submit(TestLeads.T0, ("email", "ana@acme.com"));

        Assert.Equal(new Touch(null, null, null, MarketingChannel.Direct, TestLeads.T0), ChannelClassifier.TouchOf(s));
    }

    [Fact]
    public void TouchOf_RefererIsTheLandingPage_Direct()
    {
        // The POST's Referer is the page the form sits on: internal, not a source.
        var s = TestLeads.Submit(TestLeads.T0, ("email", "ana@acme.com"), ("pageUrl", "https://www.example.com/demo")) with
        {
            Referer = "https://www.example.com/demo",
        };

        Assert.Equal(MarketingChannel.Direct, ChannelClassifier.TouchOf(s).Channel);
    }

    [Fact]
    public void TouchOf_PageReferrerGoogle_OrganicWithSourceGoogle()
    {
        var s = TestLeads.Submit(TestLeads.T0, ("email", "ana@acme.com"), ("pageUrl", "https://www.example.com/"), ("referrer", "https://www.google.de/"));

        Assert.Equal(new Touch("google", "organic", null, MarketingChannel.OrganicSearch, TestLeads.T0), ChannelClassifier.TouchOf(s));
    }

    [Fact]
    public void TouchOf_ExternalReferrer_ReferralWithHostAsSource()
    {
        var s = TestLeads.Submit(TestLeads.T0, ("email", "ana@acme.com"), ("pageUrl", "https://example.com/"), ("referrer", "https://www.news.ycombinator.com/item?id=1"));

        Assert.Equal(new Touch("news.ycombinator.com", "referral", null, MarketingChannel.Referral, TestLeads.T0), ChannelClassifier.TouchOf(s));
    }

    [Fact]
    public void TouchOf_TagsAndReferrer_TagsWin()
    {
        var s = TestLeads.Submit(
            TestLeads.T0, ("email", "ana@acme.com"), ("utm_source", "newsletter"), ("utm_medium", "email"), ("utm_campaign", "Nov"),
            ("referrer", "https://mail.google.com/"));

        Assert.Equal(new Touch("newsletter", "email", "Nov", MarketingChannel.Email, TestLeads.T0), ChannelClassifier.TouchOf(s));
    }
}
