using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Enrichment;

/// <summary>Attributes a touch to a marketing channel from its UTM parameters, click ids and referrer.</summary>
/// <remarks>
/// Campaign tags win over the referrer (a tagged newsletter link opened in webmail is email). In order:
/// gclid or a paid medium → paid search (paid social when the source is a social network);
/// fbclid or a social medium/source → social; an email medium → email; an organic medium or a search-engine
/// source → organic search; any other tag → referral. Untagged: the external referrer's host decides
/// (webmail → email, search engine → organic search, social → social, other → referral); nothing → direct.
/// A referrer on the page's own host is internal navigation, not a source.
/// </remarks>
public static class ChannelClassifier
{
    /// <summary>Builds the touch of a submission.</summary>
    public static Touch TouchOf(LeadSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var utm = submission.Utm;
        var at = submission.ReceivedAt;
        if (!utm.IsEmpty)
        {
            return new Touch(utm.Source, utm.Medium, utm.Campaign, FromTags(utm), at);
        }

        var referrerHost = ExternalReferrerHost(submission);
        if (referrerHost is null)
        {
            return new Touch(null, null, null, MarketingChannel.Direct, at);
        }

        var channel = FromReferrerHost(referrerHost);
        var labels = referrerHost.Split('.');
        var (source, medium) = channel switch
        {
            MarketingChannel.OrganicSearch => (labels.First(KnownHosts.SearchEngines.Contains), "organic"),
            MarketingChannel.Social => (referrerHost, "social"),
            MarketingChannel.Email => (referrerHost, "email"),
            _ => (referrerHost, "referral"),
        };
        return new Touch(source, medium, null, channel, at);
    }

    /// <summary>The channel of a set of campaign tags (see remarks of <see cref="ChannelClassifier"/>).</summary>
    public static MarketingChannel FromTags(UtmParameters utm)
    {
        ArgumentNullException.ThrowIfNull(utm);
        var medium = utm.Medium?.ToLowerInvariant() ?? string.Empty;
        var source = utm.Source?.ToLowerInvariant() ?? string.Empty;
        var socialSource = IsSocialHost(source) || KnownHosts.SocialNetworks.Contains(source);
        var searchSource = Labels(source).Any(KnownHosts.SearchEngines.Contains);
        if (utm.Gclid is not null || KnownHosts.PaidMedia.Contains(medium))
        {
            return socialSource && utm.Gclid is null ? MarketingChannel.Social : MarketingChannel.PaidSearch;
        }

        if (utm.Fbclid is not null || KnownHosts.SocialMedia.Contains(medium) || (medium.Length == 0 && socialSource))
        {
            return MarketingChannel.Social;
        }

        if (KnownHosts.EmailMedia.Contains(medium))
        {
            return MarketingChannel.Email;
        }

        if (KnownHosts.OrganicMedia.Contains(medium) || (medium.Length == 0 && searchSource))
        {
            return MarketingChannel.OrganicSearch;
        }

        return socialSource && !KnownHosts.ReferralMedia.Contains(medium) ? MarketingChannel.Social : MarketingChannel.Referral;
    }

    /// <summary>The channel of an untagged visit from <paramref name="host"/>.</summary>
    public static MarketingChannel FromReferrerHost(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        host = host.ToLowerInvariant();
        if (KnownHosts.WebmailHosts.Contains(host) || host.StartsWith("mail.", StringComparison.Ordinal) || host.StartsWith("webmail.", StringComparison.Ordinal))
        {
            return MarketingChannel.Email;
        }

        if (IsSocialHost(host))
        {
            return MarketingChannel.Social;
        }

        return Labels(host).Any(KnownHosts.SearchEngines.Contains) ? MarketingChannel.OrganicSearch : MarketingChannel.Referral;
    }

    private static bool IsSocialHost(string host)
    {
        var bare = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        if (KnownHosts.SocialHosts.Contains(bare))
        {
            return true;
        }

        // Single-letter labels ("t", "x") only count in the exact hosts above; longer names anywhere in the host.
        var labels = Labels(bare);
        return labels.Length > 1 && labels[..^1].Any(l => l.Length > 2 && KnownHosts.SocialNetworks.Contains(l));
    }

    private static string[] Labels(string host) => host.Split('.', StringSplitOptions.RemoveEmptyEntries);

    // The page's own referrer (posted by the snippet) is the real source; the Referer header of the POST is
    // normally the landing page itself and only counts when it is on another host than the page.
    private static string? ExternalReferrerHost(LeadSubmission submission)
    {
        var pageHost = HostOf(submission.PageUrl);
        foreach (var candidate in new[] { submission.PageReferrer, submission.Referer })
        {
            var host = HostOf(candidate);
            if (host is not null && !string.Equals(host, pageHost, StringComparison.Ordinal))
            {
                return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
            }
        }

        return null;
    }

    private static string? HostOf(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host.ToLowerInvariant() : null;
}
