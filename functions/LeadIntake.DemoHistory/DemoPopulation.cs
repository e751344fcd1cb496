using System.Globalization;
using LeadIntake.Domain.Capture;

namespace LeadIntake.DemoHistory;

/// <summary>Draws the demo's leads: a plausible B2B mix of channels, campaigns, forms, countries, titles and email addresses.</summary>
/// <remarks>
/// Each lead's <see cref="DemoLead.Quality"/> weighs what the points model ignores or misjudges (country, channel, a director
/// over a founder, a contact request worth less than 30 points), so a model trained on the outcomes can beat the points model.
/// Pure and seeded: lead <c>i</c> of seed <c>s</c> is the same whatever else is drawn.
/// </remarks>
public static class DemoPopulation
{
    // (channel code, share of leads, campaigns, how the visit arrives, quality weight)
    private static readonly (string Channel, double Share, string[] Campaigns, double Weight)[] s_channels =
    [
        ("paid_search", 0.28, ["brand-search", "generic-search"], -0.3),
        ("organic_search", 0.20, [], 0.6),
        ("email", 0.14, ["monthly-newsletter", "webinar-invite"], 0.2),
        ("social", 0.16, ["linkedin-abm", "retargeting"], -1.0),
        ("referral", 0.10, ["partner-program"], 1.2),
        ("direct", 0.12, [], 0.1),
    ];

    private static readonly (string Country, double Share, string Tld, double Weight)[] s_countries =
    [
        ("Germany", 0.24, "de", 1.0), ("United Kingdom", 0.16, "co.uk", 0.7), ("United States", 0.20, "com", 0.5),
        ("Netherlands", 0.08, "nl", 0.3), ("France", 0.10, "fr", 0.0), ("Spain", 0.07, "es", -0.5),
        ("India", 0.09, "in", -1.3), ("Brazil", 0.06, "com.br", -1.0),
    ];

    // Seniority as the title classifier reads it, with titles and the weight of the truth (not the points model's).
    private static readonly (double Share, string[] Titles, double Weight)[] s_titles =
    [
        (0.08, ["CEO", "Founder", "CTO", "Managing Partner"], -0.2),
        (0.08, ["VP Sales", "VP Marketing", "Vice President Operations"], 0.6),
        (0.14, ["Director of Marketing", "Head of IT", "Director Sales Operations", "Head of Growth"], 1.0),
        (0.24, ["Marketing Manager", "Sales Manager", "IT Manager", "Team Lead Operations"], 0.4),
        (0.26, ["Software Engineer", "Analyst", "Consultant", "Marketing Specialist", "Accountant"], -0.4),
        (0.06, ["Student", "Intern", "Working Student"], -1.6),
        (0.14, [""], -0.5),
    ];

    // (form id, share, asks for contact?, quality weight)
    private static readonly (string Form, double Share, double ContactShare, double Weight)[] s_forms =
    [
        ("newsletter", 0.25, 0.0, -0.2), ("ebook-download", 0.25, 0.05, -0.3), ("webinar-signup", 0.2, 0.1, 0.2),
        ("contact-sales", 0.12, 0.9, 0.3), ("demo-request", 0.1, 0.6, 0.4), ("pricing", 0.08, 0.3, 0.3),
    ];

    private static readonly string[] s_firstNames = ["Ada", "Grace", "Lin", "Tom", "Maria", "Jonas", "Priya", "Lucas", "Emma", "Noah", "Sofia", "Ben", "Chen", "Lea", "Omar", "Nina"];
    private static readonly string[] s_lastNames = ["Lovelace", "Hopper", "Meyer", "Schmidt", "Garcia", "Patel", "Smith", "Jansen", "Dubois", "Rossi", "Kim", "Novak"];
    private static readonly string[] s_companies = ["Contoso", "Fabrikam", "Northwind", "Tailspin", "Adventure Works", "Litware", "Proseware", "Wingtip", "Woodgrove", "Lamna", "Alpine Ski House", "Coho Winery", "Trey Research", "Humongous Insurance", "Margie's Travel", "Blue Yonder"];
    private static readonly string[] s_freeMail = ["gmail.com", "outlook.com", "yahoo.com", "web.de", "gmx.de"];

    /// <summary>The leads of a history from <paramref name="startAt"/> to <paramref name="endAt"/>, ordered by capture time.</summary>
    public static IReadOnlyList<DemoLead> Draw(DemoHistoryOptions options, DateTimeOffset startAt, DateTimeOffset endAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. Enumerable.Range(0, options.Leads).Select(i => Draw(options.Seed, i, startAt, endAt)).OrderBy(l => l.CapturedAt).ThenBy(l => l.Index)];
    }

    /// <summary>The random source of lead <paramref name="index"/> for <paramref name="purpose"/> (0 = profile, 1 = behaviour, 2 = sales).</summary>
    /// <remarks>A fixed mix of the three (not <see cref="HashCode"/>, which is seeded per process): same inputs, same draws on every run.</remarks>
    public static Random RandomFor(int seed, int index, int purpose) => new(unchecked((seed * 1_000_003) ^ (index * 7_919) ^ (purpose * 104_729)));

    private static DemoLead Draw(int seed, int index, DateTimeOffset startAt, DateTimeOffset endAt)
    {
        var random = RandomFor(seed, index, 0);
        var capturedAt = CaptureTime(random, startAt, endAt);
        var channel = Pick(random, s_channels, c => c.Share);
        var country = Pick(random, s_countries, c => c.Share);
        var seniority = Pick(random, s_titles, t => t.Share);
        var form = Pick(random, s_forms, f => f.Share);
        var title = seniority.Titles[random.Next(seniority.Titles.Length)];
        var first = s_firstNames[random.Next(s_firstNames.Length)];
        var last = s_lastNames[random.Next(s_lastNames.Length)];
        var company = s_companies[random.Next(s_companies.Length)];
        var local = $"{first}.{last}{index}".ToLowerInvariant();

        // Email class: students on a university domain; else mostly a company address.
        var mailDraw = random.NextDouble();
        var student = seniority.Weight < -1;
        var (email, mailWeight, hasCompany) = student && mailDraw < 0.5 ? ($"{local}@uni-{index % 7}.edu", -1.0, false)
            : mailDraw < 0.62 ? ($"{local}@{Slug(company)}-{index % 40}.{country.Tld}", 1.0, true)
            : mailDraw < 0.70 ? ($"info@{Slug(company)}{index}.{country.Tld}", -0.3, true)
            : mailDraw < 0.97 ? ($"{local}@{s_freeMail[random.Next(s_freeMail.Length)]}", -0.6, random.NextDouble() < 0.4)
            : ($"{local}@mailinator.com", -1.5, false);
        var hasPhone = random.NextDouble() < (form.Form is "contact-sales" or "demo-request" ? 0.7 : 0.25);
        var contact = random.NextDouble() < form.ContactShare;
        var consent = random.NextDouble() < 0.55;
        var campaign = channel.Campaigns.Length == 0 ? null : channel.Campaigns[random.Next(channel.Campaigns.Length)];
        var message = form.Form is "contact-sales" or "demo-request" && random.NextDouble() < 0.6
            ? "We are evaluating lead management tools for our team and would like to understand pricing, onboarding and integrations."
            : null;

        var fields = new List<(string, string?)>
        {
            (LeadFieldNames.Email, email), (LeadFieldNames.FirstName, first), (LeadFieldNames.LastName, last),
            (LeadFieldNames.JobTitle, title.Length == 0 ? null : title), (LeadFieldNames.Country, country.Country),
            (LeadFieldNames.Company, hasCompany ? company : null),
            (LeadFieldNames.Phone, hasPhone ? string.Create(CultureInfo.InvariantCulture, $"+49 30 {random.Next(1_000_000, 9_999_999)}") : null),
            (LeadFieldNames.FormId, form.Form), (LeadFieldNames.ContactRequested, contact ? "true" : "false"),
            (LeadFieldNames.ConsentMarketing, consent ? "true" : "false"), (LeadFieldNames.Message, message),
            (LeadFieldNames.PageUrl, $"https://www.example.com/{form.Form}"),
        };
        fields.AddRange(Touch(channel.Channel, campaign, random));

        var quality = -0.4 + mailWeight + seniority.Weight + country.Weight + channel.Weight + form.Weight
            + (hasPhone ? 0.2 : 0) + (contact ? 0.3 : 0) + Gaussian(random) * 0.4;
        return new DemoLead(index, capturedAt, fields, channel.Channel, campaign, quality);
    }

    // UTM tags and referrers that the channel classifier reads as the intended channel.
    private static IEnumerable<(string, string?)> Touch(string channel, string? campaign, Random random) => channel switch
    {
        "paid_search" => [(LeadFieldNames.UtmSource, "google"), (LeadFieldNames.UtmMedium, "cpc"), (LeadFieldNames.UtmCampaign, campaign),
            (LeadFieldNames.Gclid, $"demo{random.Next():x}")],
        "organic_search" => [(LeadFieldNames.PageReferrer, random.NextDouble() < 0.8 ? "https://www.google.com/" : "https://www.bing.com/")],
        "email" => [(LeadFieldNames.UtmSource, "newsletter"), (LeadFieldNames.UtmMedium, "email"), (LeadFieldNames.UtmCampaign, campaign)],
        "social" => [(LeadFieldNames.UtmSource, "linkedin"), (LeadFieldNames.UtmMedium, "social"), (LeadFieldNames.UtmCampaign, campaign)],
        "referral" => [(LeadFieldNames.UtmSource, "partner-portal"), (LeadFieldNames.UtmMedium, "referral"), (LeadFieldNames.UtmCampaign, campaign)],
        _ => [],
    };

    // Weekdays 08–19 UTC carry most captures; nights and weekends a few, as on a B2B site.
    private static DateTimeOffset CaptureTime(Random random, DateTimeOffset startAt, DateTimeOffset endAt)
    {
        var span = (endAt - startAt).Ticks;
        while (true)
        {
            var at = startAt + TimeSpan.FromTicks((long)(random.NextDouble() * span));
            var office = at.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && at.Hour is >= 8 and < 19;
            if (office || random.NextDouble() < 0.12)
                return new DateTimeOffset(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
    }

    /// <summary>One of <paramref name="items"/>, each as likely as its <paramref name="share"/>.</summary>
    public static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> share)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(items);
        var draw = random.NextDouble() * items.Sum(share);
        foreach (var item in items)
        {
            draw -= share(item);
            if (draw < 0)
                return item;
        }

        return items[^1];
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    private static string Slug(string company) => company.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
}
