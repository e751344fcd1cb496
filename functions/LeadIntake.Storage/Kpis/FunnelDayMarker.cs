using System.Globalization;
using Azure.Data.Tables;

namespace LeadIntake.Storage.Kpis;

/// <summary>Marks days whose KPI source rows changed after the day was over, so the funnel rebuild picks them up.</summary>
/// <remarks>
/// <c>FunnelDaysToRebuild</c>: PartitionKey = <see cref="Partition"/>, RowKey = the UTC day (<c>yyyy-MM-dd</c>), column
/// MarkedAt. Today and yesterday are rebuilt on every run anyway, so only older days are marked: a back-dated sales event,
/// a late submission, a first response to an older hand-off. Marking is an upsert, so a retried save marks again harmlessly.
/// </remarks>
public sealed class FunnelDayMarker(TableServiceClient tables, TimeProvider timeProvider)
{
    /// <summary>The one partition of the marks.</summary>
    public const string Partition = "days";

    private readonly TableClient _marks = tables.GetTableClient(StorageNames.FunnelDaysToRebuildTable);

    /// <summary>Marks each of <paramref name="dayKeys"/> (<c>yyyy-MM-dd</c>) older than yesterday.</summary>
    public async Task MarkAsync(IEnumerable<string> dayKeys, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var yesterday = now.UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var day in dayKeys.Distinct(StringComparer.Ordinal).Where(day => string.CompareOrdinal(day, yesterday) < 0))
            await _marks.UpsertEntityAsync(new TableEntity(Partition, day) { ["MarkedAt"] = now }, TableUpdateMode.Replace, cancellationToken);
    }
}
