namespace LeadIntake.Domain.Enrichment;

/// <summary>Known free-mail and disposable providers and role mailbox names.</summary>
/// <remarks>
/// Curated from the providers' own sign-up pages and the widely used open lists (e.g. the
/// disposable-email-domains project); not exhaustive, meant to catch the bulk of real traffic.
/// </remarks>
internal static class EmailDomainLists
{
    public static readonly HashSet<string> FreeMail = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
        "yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "aim.com", "icloud.com", "me.com", "mac.com",
        "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "tutanota.com", "tuta.io", "zoho.com", "zohomail.com",
        "fastmail.com", "fastmail.fm", "hey.com", "mail.com", "email.com", "usa.com", "gmx.com", "gmx.net", "gmx.de",
        "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de", "posteo.de", "mailbox.org", "yandex.com", "yandex.ru",
        "ya.ru", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "qq.com", "163.com", "126.com", "yeah.net",
        "sina.com", "sohu.com", "naver.com", "daum.net", "hanmail.net", "rediffmail.com", "libero.it", "virgilio.it",
        "tiscali.it", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "seznam.cz", "centrum.cz",
        "wp.pl", "o2.pl", "onet.pl", "interia.pl", "bluewin.ch", "btinternet.com", "sky.com", "virginmedia.com",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net",
        "earthlink.net", "juno.com", "shaw.ca", "rogers.com", "sympatico.ca", "bigpond.com", "optusnet.com.au",
        "uol.com.br", "bol.com.br", "terra.com.br", "ziggo.nl", "kpnmail.nl", "telenet.be", "skynet.be", "hushmail.com",
    };

    // Providers with a domain per country (yahoo.co.uk, hotmail.fr, outlook.de, …): matched on the first label.
    public static readonly HashSet<string> FreeMailFamilies = new(StringComparer.Ordinal)
    {
        "gmail", "yahoo", "hotmail", "outlook", "live", "aol", "gmx", "yandex",
    };

    public static readonly HashSet<string> Disposable = new(StringComparer.Ordinal)
    {
        "mailinator.com", "guerrillamail.com", "guerrillamail.net", "guerrillamail.org", "guerrillamailblock.com",
        "sharklasers.com", "grr.la", "10minutemail.com", "10minutemail.net", "temp-mail.org", "tempmail.com",
        "tempmail.net", "tempmailo.com", "temp-mail.io", "yopmail.com", "yopmail.fr", "yopmail.net", "trashmail.com",
        "trashmail.de", "trash-mail.com", "getnada.com", "nada.email", "dispostable.com", "maildrop.cc",
        "throwawaymail.com", "fakeinbox.com", "mintemail.com", "mohmal.com", "emailondeck.com", "burnermail.io",
        "spamgourmet.com", "mailnesia.com", "tempr.email", "discard.email", "mytemp.email", "33mail.com",
        "mailcatch.com", "spambox.us", "getairmail.com", "moakt.com", "tempail.com", "emailfake.com",
        "crazymailing.com", "mailpoof.com", "inboxkitten.com", "tempinbox.com", "spam4.me", "byom.de",
        "einrot.com", "wegwerfmail.de", "wegwerfmail.net", "0-mail.com", "mvrht.com", "mailforspam.com",
    };

    public static readonly HashSet<string> RoleLocalParts = new(StringComparer.Ordinal)
    {
        "info", "sales", "admin", "administrator", "support", "noreply", "no-reply", "donotreply", "do-not-reply",
        "contact", "hello", "office", "marketing", "webmaster", "postmaster", "hostmaster", "abuse", "billing",
        "accounts", "accounting", "finance", "help", "helpdesk", "team", "hr", "jobs", "careers", "recruiting",
        "enquiries", "enquiry", "inquiries", "inquiry", "service", "services", "mail", "press", "media", "privacy",
        "security", "legal", "compliance", "orders", "newsletter", "feedback", "general", "reception", "root",
        "it", "devops", "dev", "ops", "all", "everyone", "staff", "team", "kontakt", "vertrieb", "buero", "bureau",
    };
}
