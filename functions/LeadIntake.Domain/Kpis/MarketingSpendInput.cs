using System.Globalization;
using LeadIntake.Domain.Enrichment;

namespace LeadIntake.Domain.Kpis;

/// <summary>The rules a <see cref="MarketingSpend"/> row must meet, whether it came as JSON, CSV or from a test.</summary>
/// <remarks>
/// One row names a month (<c>yyyy-MM</c>), exactly one of a channel code (the codes leads carry: <c>paid_search</c>,
/// <c>organic_search</c>, <c>email</c>, <c>social</c>, <c>referral</c>, <c>direct</c>) or a campaign name, an amount
/// (a finite number ≥ 0, at most <see cref="MaxAmount"/>) and an ISO 4217 currency (three capital letters). Pure.
/// </remarks>
public static class MarketingSpendInput
{
    /// <summary>Longest campaign name (leads' campaigns are utm_campaign values, bounded the same way).</summary>
    public const int MaxCampaignLength = 128;

    /// <summary>Largest amount one row may carry: far above any monthly budget, far below where a double loses cents.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Earliest and latest year a month may name.</summary>
    public const int MinYear = 2000, MaxYear = 2100;

    /// <summary>What a bad amount is told.</summary>
    public static readonly string AmountMessage = $"must be a number from 0 to {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)}, with . for decimals";

    /// <summary>The channel codes a row may name.</summary>
    public static IReadOnlyList<string> ChannelCodes { get; } = [.. Enum.GetValues<MarketingChannel>().Select(EnrichmentCodes.ToCode)];

    /// <summary>
    /// Checks one row; reports each bad field through <paramref name="error"/> as <c>prefix + field</c> and returns null
    /// when any is bad. Strings are trimmed; empty counts as missing.
    /// </summary>
    /// <param name="month">The month, <c>yyyy-MM</c>.</param>
    /// <param name="channel">A channel code, or null when <paramref name="campaign"/> is given.</param>
    /// <param name="campaign">A campaign name, or null when <paramref name="channel"/> is given.</param>
    /// <param name="amount">The amount, or null when missing (or not a number: the caller has reported that).</param>
    /// <param name="currency">ISO 4217 code.</param>
    /// <param name="prefix">Prefix of the field names (<c>spend[2].</c>).</param>
    /// <param name="error">Receives (field, message) for each bad field.</param>
    /// <param name="amountReported">True when the caller already reported a bad amount (so a null amount is not "required" again).</param>
    public static MarketingSpend? Check(
        string? month, string? channel, string? campaign, decimal? amount, string? currency, string prefix, Action<string, string> error, bool amountReported = false)
    {
        var ok = true;
        void Fail(string field, string message)
        {
            error(prefix + field, message);
            ok = false;
        }

        month = Trimmed(month);
        channel = Trimmed(channel);
        campaign = Trimmed(campaign);
        currency = Trimmed(currency);

        if (month is null)
            Fail("month", "required");
        else if (!IsMonth(month))
            Fail("month", $"must be a month yyyy-MM between {MinYear}-01 and {MaxYear}-12, e.g. 2026-11");

        if ((channel is null) == (campaign is null))
            Fail("channel", "give exactly one of channel or campaign");
        else if (channel is not null && !ChannelCodes.Contains(channel, StringComparer.Ordinal))
            Fail("channel", $"unknown channel '{channel}'; expected one of {string.Join(", ", ChannelCodes)}");
        else if (campaign is not null && (campaign.Length > MaxCampaignLength || campaign.Any(char.IsControl)))
            Fail("campaign", $"must be at most {MaxCampaignLength} characters, without control characters");

        if (amount is null)
        {
            if (!amountReported)
                Fail("amount", "required");
            ok = false;
        }
        else if (amount < 0 || amount > MaxAmount)
        {
            Fail("amount", AmountMessage);
        }

        if (currency is null)
            Fail("currency", "required");
        else if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            Fail("currency", "must be an ISO 4217 currency code: three capital letters, e.g. EUR");

        return ok
            ? new MarketingSpend(month!, channel is null ? KpiDimension.Campaign : KpiDimension.Channel, channel ?? campaign!, amount!.Value, currency!)
            : null;
    }

    /// <summary>
    /// Parses an amount as text: digits with an optional <c>.</c> and decimals, invariant culture — no thousands separators,
    /// exponents, signs, <c>NaN</c> or <c>Infinity</c>.
    /// </summary>
    public static bool TryParseAmount(string? text, out decimal amount) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);

    /// <summary>True for <c>yyyy-MM</c> with a year from <see cref="MinYear"/> to <see cref="MaxYear"/>.</summary>
    public static bool IsMonth(string text) =>
        text.Length == 7
        && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
        && first.Year is >= MinYear and <= MaxYear;

    /// <summary>
    /// Reports every row that repeats an earlier row's month, dimension and value (they would be the same table row, and
    /// which amount wins would be an accident of order), as <c>prefixOf(index) + "channel"</c> or <c>"campaign"</c>.
    /// </summary>
    public static void CheckUnique(IReadOnlyList<MarketingSpend> rows, Func<int, string> prefixOf, Action<string, string> error)
    {
        var seen = new Dictionary<(string, KpiDimension, string), int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (seen.TryAdd((row.Month, row.Dimension, row.Value), i))
                continue;
            var field = row.Dimension == KpiDimension.Channel ? "channel" : "campaign";
            error(prefixOf(i) + field, $"repeats {prefixOf(seen[(row.Month, row.Dimension, row.Value)])}{field} ({row.Month}, '{row.Value}'); give each month and {field} once");
        }
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
