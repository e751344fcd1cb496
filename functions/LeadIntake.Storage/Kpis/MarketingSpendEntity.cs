using LeadIntake.Domain.Kpis;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Kpis;

/// <summary>A <c>MarketingSpend</c> row: what marketing spent in one month on one channel or campaign.</summary>
/// <remarks>
/// PartitionKey = the month (<c>yyyy-MM</c>), RowKey = <c>channel:{code}</c> (<c>channel:paid_search</c>) or
/// <c>campaign:{name}</c> with <c>%</c>, <c>/</c>, <c>\</c>, <c>#</c>, <c>?</c> and control characters written as
/// <c>%XX</c> (<see cref="RowKeyFor"/>; those characters cannot be in a table key). A marketer may add rows in Storage
/// Explorer: the columns are Dimension (<c>channel</c> or <c>campaign</c>), Value (the code or name as leads carry it,
/// unescaped), Amount (a double, ≥ 0) and Currency (ISO 4217, <c>EUR</c>).
/// </remarks>
public sealed class MarketingSpendEntity : TableRow
{
    /// <summary><c>channel</c> or <c>campaign</c>.</summary>
    public string Dimension { get; set; } = "";

    /// <summary>The channel code or campaign name.</summary>
    public string Value { get; set; } = "";

    /// <summary>The amount spent (a double: Table storage has no decimal).</summary>
    public double Amount { get; set; }

    /// <summary>ISO 4217 currency code.</summary>
    public string Currency { get; set; } = "";

    /// <summary>The row of <paramref name="spend"/>.</summary>
    public static MarketingSpendEntity From(MarketingSpend spend) => new()
    {
        PartitionKey = spend.Month,
        RowKey = RowKeyFor(spend.Dimension, spend.Value),
        Dimension = KpiDimensionCodes.Table.ToCode(spend.Dimension),
        Value = spend.Value,
        Amount = (double)spend.Amount,
        Currency = spend.Currency,
    };

    /// <summary>The spend this row records; null for a row a person typed that is not usable (unknown dimension, bad amount).</summary>
    public MarketingSpend? ToSpend() =>
        KpiDimensionCodes.Table.TryParse(Dimension, out var dimension) && dimension is KpiDimension.Channel or KpiDimension.Campaign
        && Value.Length > 0 && double.IsFinite(Amount) && Amount >= 0 && Math.Abs(Amount) <= (double)MarketingSpendInput.MaxAmount
            ? new MarketingSpend(PartitionKey, dimension, Value, (decimal)Amount, Currency)
            : null;

    /// <summary>The RowKey of a channel's or campaign's row: <c>{dimension}:{value}</c>, key-unsafe characters as <c>%XX</c>.</summary>
    public static string RowKeyFor(KpiDimension dimension, string value) =>
        $"{KpiDimensionCodes.Table.ToCode(dimension)}:{TableKeys.Escape(value)}";
}
