using LeadIntake.Domain.Kpis;

namespace LeadIntake.Storage.Kpis;

/// <summary>The RowKeys of <c>FunnelDaily</c> and <c>FunnelCohorts</c>, and the escaping that keeps any dimension value a legal key.</summary>
/// <remarks>
/// Volume rows <c>{dimension}|{value}</c>, cohort rows <c>cohort|{yyyy-MM}|{dimension}|{value}</c>, model rows
/// <c>model|{version}</c>. RowKeys may not contain <c>/ \ # ?</c> or control characters: those, and <c>%</c> itself (so the
/// escaping cannot collide), are percent-encoded as UTF-8 (<c>a/b</c> → <c>a%2Fb</c>); every other character stays as it
/// is, so keys stay readable in Storage Explorer. The rows also keep the unescaped value in a column.
/// </remarks>
public static class FunnelRowKeys
{
    /// <summary>The prefix of cohort rows.</summary>
    public const string CohortPrefix = "cohort|";

    /// <summary>The prefix of model rows.</summary>
    public const string ModelPrefix = "model|";

    /// <summary>The key of a volume row (and of a <c>FunnelCohorts</c> row).</summary>
    public static string Volume(KpiDimension dimension, string value) => $"{DimensionPrefix(dimension)}{TableKeys.Escape(value)}";

    /// <summary>The key prefix of every volume row of <paramref name="dimension"/>: <c>{dimension}|</c>.</summary>
    public static string DimensionPrefix(KpiDimension dimension) => KpiDimensionCodes.Table.ToCode(dimension) + "|";

    /// <summary>The key of a cohort contribution row.</summary>
    public static string Cohort(string month, KpiDimension dimension, string value) => $"{CohortMonthPrefix(month)}{Volume(dimension, value)}";

    /// <summary>The key prefix of every contribution to cohort <paramref name="month"/>: <c>cohort|{yyyy-MM}|</c>.</summary>
    public static string CohortMonthPrefix(string month) => $"{CohortPrefix}{month}|";

    /// <summary>The MQL month of a cohort row key, or null for another kind of row.</summary>
    public static string? CohortMonthOf(string rowKey) =>
        rowKey.StartsWith(CohortPrefix, StringComparison.Ordinal) && rowKey.Length > CohortPrefix.Length + 7 ? rowKey.Substring(CohortPrefix.Length, 7) : null;

    /// <summary>The key of a model row.</summary>
    public static string Model(string modelVersion) => ModelPrefix + TableKeys.Escape(modelVersion);
}
