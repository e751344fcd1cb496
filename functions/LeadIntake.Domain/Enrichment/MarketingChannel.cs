namespace LeadIntake.Domain.Enrichment;

/// <summary>The marketing channel a touch came through.</summary>
/// <remarks>Feature value codes: "paid_search", "organic_search", "email", "social", "referral", "direct".</remarks>
public enum MarketingChannel
{
    /// <summary>Paid search ads (utm_medium cpc/ppc/paid_search, or a gclid).</summary>
    PaidSearch,

    /// <summary>Unpaid search results (a search-engine referrer, utm_medium organic).</summary>
    OrganicSearch,

    /// <summary>Email campaigns and newsletters.</summary>
    Email,

    /// <summary>Social networks, paid or organic (fbclid, linkedin.com, t.co, …).</summary>
    Social,

    /// <summary>Any other external site or tagged source.</summary>
    Referral,

    /// <summary>No campaign tag and no external referrer.</summary>
    Direct,
}
