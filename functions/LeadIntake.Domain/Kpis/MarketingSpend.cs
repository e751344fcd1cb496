namespace LeadIntake.Domain.Kpis;

/// <summary>What marketing spent in one month on one channel or campaign: a <c>MarketingSpend</c> row.</summary>
/// <param name="Month">The month, <c>yyyy-MM</c>.</param>
/// <param name="Dimension"><see cref="KpiDimension.Channel"/> or <see cref="KpiDimension.Campaign"/>.</param>
/// <param name="Value">The channel code (<c>paid_search</c>) or campaign name, as leads carry it.</param>
/// <param name="Amount">The amount spent, ≥ 0.</param>
/// <param name="Currency">ISO 4217 code (<c>EUR</c>).</param>
public sealed record MarketingSpend(string Month, KpiDimension Dimension, string Value, decimal Amount, string Currency);
