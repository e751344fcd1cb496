namespace LeadIntake.Domain.Enrichment;

/// <summary>The stable lower_snake_case codes of enrichment values, as used in features and exports.</summary>
public static class EnrichmentCodes
{
    /// <summary>"corporate", "free_mail", "disposable" or "role".</summary>
    public static string ToCode(EmailClass value) => value switch
    {
        EmailClass.Corporate => "corporate",
        EmailClass.FreeMail => "free_mail",
        EmailClass.Disposable => "disposable",
        EmailClass.Role => "role",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>"paid_search", "organic_search", "email", "social", "referral" or "direct".</summary>
    public static string ToCode(MarketingChannel value) => value switch
    {
        MarketingChannel.PaidSearch => "paid_search",
        MarketingChannel.OrganicSearch => "organic_search",
        MarketingChannel.Email => "email",
        MarketingChannel.Social => "social",
        MarketingChannel.Referral => "referral",
        MarketingChannel.Direct => "direct",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>"c_level", "vp", "director", "manager", "individual", "student" or "unknown".</summary>
    public static string ToCode(JobSeniority value) => value switch
    {
        JobSeniority.CLevel => "c_level",
        JobSeniority.VicePresident => "vp",
        JobSeniority.Director => "director",
        JobSeniority.Manager => "manager",
        JobSeniority.Individual => "individual",
        JobSeniority.Student => "student",
        JobSeniority.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };
}
