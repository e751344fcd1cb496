using LeadIntake.Domain.Policy;
using LeadIntake.Domain.Qualification;
using static LeadIntake.Domain.Tests.PolicyLeads;

namespace LeadIntake.Domain.Tests.Qualification;

public class OwnerRouterTests
{
    private static readonly OwnerRouting _threeOwners = new(RoutingMode.Even, ["amy", "bob", "cy"], new Dictionary<string, string>(), null);

    private static readonly OwnerRouting _byCountry = new(
        RoutingMode.ByCountry, [], new Dictionary<string, string> { ["DE"] = "berlin", ["United States"] = "nyc" }, "global");

    // Expected owners computed independently (Python hashlib): SHA-256 of the UTF-8 lead id, its first 4 bytes read as a
    // little-endian uint32, modulo 3 → amy (0), bob (1), cy (2).
    [Theory]
    [InlineData("lead-0001", "cy")]     // 1887cd19 → 432,899,864 mod 3 = 2
    [InlineData("lead-0002", "bob")]    // fbd9f460 → 1,626,659,323 mod 3 = 1
    [InlineData("lead-0003", "amy")]    // 97828584 → 2,223,342,231 mod 3 = 0
    [InlineData("lead-0004", "amy")]    // e0ac9cfc → 4,238,126,304 mod 3 = 0
    public void OwnerFor_Even_PinnedByLeadIdHash(string leadId, string owner)
    {
        Assert.Equal(owner, OwnerRouter.OwnerFor(Lead() with { LeadId = leadId }, _threeOwners));
    }

    [Fact]
    public void OwnerFor_EvenSameLeadAgain_SameOwner()
    {
        // A retried or redelivered hand-off picks the same owner: nothing but the lead id decides, not the profile.
        var lead = Lead() with { LeadId = "lead-0042" };

        var first = OwnerRouter.OwnerFor(lead, _threeOwners);
        var again = OwnerRouter.OwnerFor(lead with { Country = "FR", Score = 99 }, _threeOwners);

        Assert.Equal(first, again);
    }

    [Fact]
    public void OwnerFor_Even1000Leads_RoughlyEvenShare()
    {
        var routing = _threeOwners with { Owners = ["amy", "bob", "cy", "dee"] };

        var counts = Enumerable.Range(0, 1000)
            .Select(i => OwnerRouter.OwnerFor(Lead() with { LeadId = $"lead-{i:0000}" }, routing)!)
            .GroupBy(owner => owner)
            .ToDictionary(g => g.Key, g => g.Count());

        // Counted independently (Python hashlib) for lead-0000 … lead-0999: 242, 259, 266, 233; each within 250 ± 50.
        Assert.Equal(new Dictionary<string, int> { ["amy"] = 242, ["bob"] = 259, ["cy"] = 266, ["dee"] = 233 }, counts);
        Assert.All(counts.Values, count => Assert.InRange(count, 200, 300));
    }

    [Fact]
    public void OwnerFor_EvenOneOwner_AlwaysThatOwner()
    {
        var routing = _threeOwners with { Owners = ["solo"] };

        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal("solo", OwnerRouter.OwnerFor(Lead() with { LeadId = $"lead-{i}" }, routing)));
    }

    [Fact]
    public void OwnerFor_EvenWithoutOwners_Null()
    {
        // The reader refuses mode "even" without owners; a policy built in code could still have none.
        Assert.Null(OwnerRouter.OwnerFor(Lead(), _threeOwners with { Owners = [] }));
    }

    [Theory]
    [InlineData("DE", "berlin")]
    [InlineData("de", "berlin")]                 // compared ignoring case
    [InlineData("  De ", "berlin")]              // and trimmed
    [InlineData("United States", "nyc")]
    [InlineData("UNITED STATES", "nyc")]
    [InlineData("FR", "global")]                 // no match: the default owner
    [InlineData(null, "global")]                 // no country on the form
    [InlineData("Germany", "global")]            // countries as the form gives them: no mapping of names to codes
    public void OwnerFor_ByCountry_CaseInsensitiveElseDefault(string? country, string owner)
    {
        Assert.Equal(owner, OwnerRouter.OwnerFor(Lead() with { Country = country }, _byCountry));
    }

    [Fact]
    public void OwnerFor_ByCountryNoMatchNoDefault_Unassigned()
    {
        Assert.Null(OwnerRouter.OwnerFor(Lead() with { Country = "FR" }, _byCountry with { DefaultOwner = null }));
    }

    [Fact]
    public void OwnerFor_ByCountryFromPolicyFile_SameRules()
    {
        var json = QualificationPolicy.DefaultJson.Replace(
            "\"routing\": { \"mode\": \"none\" }",
            "\"routing\": { \"mode\": \"by_country\", \"byCountry\": { \"de\": \"berlin\", \"AT\": \"vienna\" }, \"defaultOwner\": \"emea\" }",
            StringComparison.Ordinal);
        Assert.NotEqual(QualificationPolicy.DefaultJson, json);
        var routing = QualificationPolicy.Parse(json).Handoff.Routing;

        Assert.Equal(RoutingMode.ByCountry, routing.Mode);
        Assert.Equal("berlin", OwnerRouter.OwnerFor(Lead() with { Country = "DE" }, routing));
        Assert.Equal("vienna", OwnerRouter.OwnerFor(Lead() with { Country = "at" }, routing));
        Assert.Equal("emea", OwnerRouter.OwnerFor(Lead() with { Country = "CH" }, routing));
    }

    [Fact]
    public void OwnerFor_ModeNone_Unassigned()
    {
        Assert.Null(OwnerRouter.OwnerFor(Lead() with { Country = "DE" }, OwnerRouting.None));
        Assert.Null(OwnerRouter.OwnerFor(Lead(), QualificationPolicy.Default.Handoff.Routing));   // policy-default-1: "none"
    }

    [Fact]
    public void OwnerFor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => OwnerRouter.OwnerFor(null!, _threeOwners));
        Assert.Throws<ArgumentNullException>(() => OwnerRouter.OwnerFor(Lead(), null!));
    }
}
