using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Kpis;

/// <summary>The <c>MarketingSpend</c> table: what marketers spent per month and channel or campaign.</summary>
public interface IMarketingSpendStore
{
    /// <summary>Writes <paramref name="spend"/>, replacing the rows of the same month, dimension and value.</summary>
    Task UpsertAsync(IReadOnlyList<MarketingSpend> spend, CancellationToken cancellationToken);

    /// <summary>Every row of the months <paramref name="fromMonth"/> to <paramref name="toMonth"/> (<c>yyyy-MM</c>, inclusive).</summary>
    Task<IReadOnlyList<MarketingSpend>> ReadAsync(string fromMonth, string toMonth, CancellationToken cancellationToken);
}
