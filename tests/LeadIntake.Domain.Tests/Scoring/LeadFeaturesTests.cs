using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Tests.Scoring;

public class LeadFeaturesTests
{
    private static Lead SampleLead() => new()
    {
        LeadId = "ld_x",
        Email = "Ana@acme.co.uk",
        EmailDomain = "acme.co.uk",
        EmailClass = EmailClass.Corporate,
        JobTitle = " Head of Growth ",
        Company = "Acme",
        Country = "Germany",
        Message = new string('m', 120),
        FormId = "Demo",
        ContactRequested = true,
        ConsentMarketing = false,
        SubmissionCount = 3,
        CustomFields = new Dictionary<string, string> { ["budget"] = "50k" },
        FirstTouch = new Touch("google", "cpc", "Spring", MarketingChannel.PaidSearch, TestLeads.T0),
        LastTouch = new Touch("newsletter", "email", null, MarketingChannel.Email, TestLeads.T0.AddDays(3)),
    };

    [Fact]
    public void From_Lead_AllFeaturesInSchemaOrder()
    {
        var features = LeadFeatures.From(SampleLead());

        Assert.Equal(LeadFeatureNames.All, features.Keys);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["email_class"] = "corporate",
                ["email_domain_tld"] = "uk",
                ["channel"] = "paid_search",
                ["last_channel"] = "email",
                ["utm_source"] = "google",
                ["utm_medium"] = "cpc",
                ["utm_campaign"] = "spring",
                ["country"] = "germany",
                ["job_title"] = "head of growth",
                ["job_seniority"] = "director",
                ["form_id"] = "demo",
                ["has_company"] = 1d,
                ["has_phone"] = 0d,
                ["contact_requested"] = 1d,
                ["consent_marketing"] = 0d,
                ["message_length"] = 120d,
                ["submission_count"] = 3d,
                ["custom_field_count"] = 1d,
            },
            features.ToDictionary());
    }

    [Fact]
    public void Names_StableLowerSnakeCase()
    {
        Assert.All(LeadFeatureNames.All, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
        Assert.Equal(LeadFeatureNames.All.Count, LeadFeatureNames.All.Distinct().Count());
    }

    [Fact]
    public void ToJsonParseJson_RoundTrips()
    {
        var features = LeadFeatures.From(SampleLead());

        var json = features.ToJson();
        var read = LeadFeatures.ParseJson(json);

        Assert.Equal(features.ToDictionary(), read.ToDictionary());
        Assert.StartsWith("{\"email_class\":\"corporate\",\"email_domain_tld\":\"uk\",", json);
        Assert.Contains("\"submission_count\":3,", json);
    }

    [Theory]
    [InlineData("{\"emailClass\":\"corporate\"}")]
    [InlineData("{\"has_phone\":\"yes\"}")]
    [InlineData("{\"email_class\":1}")]
    [InlineData("{\"email_class\":[1]}")]
    [InlineData("not json")]
    public void ParseJson_Invalid_FormatException(string json)
    {
        Assert.Throws<FormatException>(() => LeadFeatures.ParseJson(json));
    }

    [Fact]
    public void Indexer_UnknownName_Throws()
    {
        var features = LeadFeatures.From(SampleLead());

        Assert.Throws<KeyNotFoundException>(() => features["emailClass"]);
        Assert.False(features.ContainsKey("emailClass"));
        Assert.Equal("corporate", features.GetString(LeadFeatureNames.EmailClass));
        Assert.Equal(3d, features.GetNumber(LeadFeatureNames.SubmissionCount));
    }

    [Fact]
    public void FromValues_Missing_NullOrZero()
    {
        var features = LeadFeatures.FromValues(new Dictionary<string, object?>());

        Assert.Null(features[LeadFeatureNames.Country]);
        Assert.Equal(0d, features[LeadFeatureNames.HasPhone]);
    }
}
