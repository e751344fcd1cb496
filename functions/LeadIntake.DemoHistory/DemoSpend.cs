using System.Globalization;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.DemoHistory;

/// <summary>Marketing spend that fits the demo's leads: per month, per channel and per campaign, in EUR.</summary>
/// <remarks>
/// Roughly the leads a channel brought in a month times a cost per lead typical of it, with ±20 % noise; a campaign's row is
/// its share of its channel. Organic search carries content costs; direct traffic costs nothing and has no row. Seeded.
/// </remarks>
public static class DemoSpend
{
    /// <summary>The currency of every row.</summary>
    public const string Currency = "EUR";

    private static readonly Dictionary<string, decimal> s_costPerLead = new(StringComparer.Ordinal)
    {
        ["paid_search"] = 48m, ["social"] = 32m, ["email"] = 9m, ["referral"] = 25m, ["organic_search"] = 6m,
    };

    /// <summary>The spend rows of <paramref name="leads"/>, by the month of their capture (UTC).</summary>
    public static IReadOnlyList<MarketingSpend> For(IReadOnlyList<DemoLead> leads, int seed)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var random = DemoPopulation.RandomFor(seed, -1, 0);
        var rows = new List<MarketingSpend>();
        foreach (var month in leads.GroupBy(l => l.CapturedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderBy(m => m.Key))
        {
            foreach (var channel in month.GroupBy(l => l.Channel).Where(c => s_costPerLead.ContainsKey(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                var amount = Math.Round(channel.Count() * s_costPerLead[channel.Key] * (decimal)(0.8 + 0.4 * random.NextDouble()), 2);
                rows.Add(new MarketingSpend(month.Key, KpiDimension.Channel, channel.Key, amount, Currency));
                var campaigns = channel.Where(l => l.Campaign is not null).GroupBy(l => l.Campaign!).OrderBy(c => c.Key, StringComparer.Ordinal);
                foreach (var campaign in campaigns)
                    rows.Add(new MarketingSpend(month.Key, KpiDimension.Campaign, campaign.Key, Math.Round(amount * campaign.Count() / channel.Count(), 2), Currency));
            }
        }

        return rows;
    }
}
