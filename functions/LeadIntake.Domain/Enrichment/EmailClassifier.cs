namespace LeadIntake.Domain.Enrichment;

/// <summary>Classifies an email address as corporate, free-mail, disposable or role.</summary>
/// <remarks>
/// Precedence: disposable (subdomains too), then free-mail (a role name at gmail.com is still a private
/// mailbox), then role local parts (ignoring "+tag" and separators: "sales.team" is not a role, "sales+web" is),
/// else corporate.
/// </remarks>
public static class EmailClassifier
{
    /// <summary>Classifies a normalised address (lower-case domain).</summary>
    public static EmailClass Classify(string normalisedEmail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(normalisedEmail);
        var at = normalisedEmail.LastIndexOf('@');
        var domain = normalisedEmail[(at + 1)..].ToLowerInvariant();
        var local = normalisedEmail[..Math.Max(at, 0)].ToLowerInvariant();
        if (IsInOrUnder(domain, EmailDomainLists.Disposable))
        {
            return EmailClass.Disposable;
        }

        if (EmailDomainLists.FreeMail.Contains(domain) || IsFreeMailCountryDomain(domain))
        {
            return EmailClass.FreeMail;
        }

        var plus = local.IndexOf('+');
        return EmailDomainLists.RoleLocalParts.Contains(plus >= 0 ? local[..plus] : local) ? EmailClass.Role : EmailClass.Corporate;
    }

    // "yahoo.co.uk", "hotmail.fr", "outlook.com.br": a provider name followed by a country suffix only, so that
    // a company's own "live.acme.com" or "outlook.acme.de" stays corporate.
    private static bool IsFreeMailCountryDomain(string domain)
    {
        var labels = domain.Split('.');
        return EmailDomainLists.FreeMailFamilies.Contains(labels[0]) && labels.Length switch
        {
            2 => true,
            3 => labels[1] is "co" or "com" or "net" or "org" or "ne" or "or" && labels[2].Length == 2,
            _ => false,
        };
    }

    private static bool IsInOrUnder(string domain, HashSet<string> set)
    {
        for (var d = domain; ; d = d[(d.IndexOf('.') + 1)..])
        {
            if (set.Contains(d))
            {
                return true;
            }

            if (d.IndexOf('.') < 0)
            {
                return false;
            }
        }
    }
}
