namespace LeadIntake.Domain.Enrichment;

/// <summary>Host and source names of search engines, social networks and webmail, for channel attribution.</summary>
internal static class KnownHosts
{
    // Matched against every dot-separated label of a host ("www.google.co.uk" → "google"), and against utm_source.
    public static readonly HashSet<string> SearchEngines = new(StringComparer.Ordinal)
    {
        "google", "bing", "duckduckgo", "yahoo", "yandex", "baidu", "ecosia", "startpage", "qwant", "ask", "naver",
        "seznam", "brave", "aol", "sogou",
    };

    public static readonly HashSet<string> SocialNetworks = new(StringComparer.Ordinal)
    {
        "facebook", "fb", "linkedin", "lnkd", "twitter", "x", "instagram", "youtube", "reddit", "pinterest",
        "tiktok", "xing", "snapchat", "threads", "mastodon", "bsky", "quora", "meta", "ig", "li", "tw",
    };

    // Hosts whose labels alone would be ambiguous: "t.co" is Twitter, "x.com" is X, "lnkd.in" is LinkedIn.
    public static readonly HashSet<string> SocialHosts = new(StringComparer.Ordinal)
    {
        "t.co", "x.com", "lnkd.in", "fb.me", "fb.com", "youtu.be", "bsky.app", "threads.net",
    };

    // Webmail clicks arrive with these referrers: they are email, not search.
    public static readonly HashSet<string> WebmailHosts = new(StringComparer.Ordinal)
    {
        "mail.google.com", "outlook.live.com", "outlook.office.com", "outlook.office365.com", "mail.yahoo.com",
        "mail.aol.com", "mail.proton.me", "webmail.gmx.net", "web.de", "mail.yandex.ru", "mail.yandex.com",
    };

    public static readonly HashSet<string> PaidMedia = new(StringComparer.Ordinal)
    {
        "cpc", "ppc", "paid_search", "paidsearch", "paid-search", "sem", "cpm", "paid", "ads", "display",
    };

    public static readonly HashSet<string> SocialMedia = new(StringComparer.Ordinal)
    {
        "social", "social-media", "social_media", "socialmedia", "paid_social", "paidsocial", "paid-social", "sm", "social-network",
    };

    public static readonly HashSet<string> EmailMedia = new(StringComparer.Ordinal)
    {
        "email", "e-mail", "e_mail", "mail", "newsletter", "mailing", "edm",
    };

    public static readonly HashSet<string> OrganicMedia = new(StringComparer.Ordinal) { "organic", "seo" };

    public static readonly HashSet<string> ReferralMedia = new(StringComparer.Ordinal) { "referral", "affiliate", "partner" };
}
