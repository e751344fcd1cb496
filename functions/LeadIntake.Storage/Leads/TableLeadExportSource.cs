using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using LeadIntake.Application.Export;
using LeadIntake.Domain.Funnel;

namespace LeadIntake.Storage.Leads;

/// <summary>The lead list for the CSV export: a filtered query over the profile rows of the <c>Leads</c> table. Thread-safe.</summary>
/// <remarks>
/// Leads are partitioned by lead id, so the query scans the table server-side with a filter on RowKey (<c>lead</c>),
/// Stage and FirstSeenAt, selecting only the exported columns; pages arrive as the caller enumerates.
/// </remarks>
public sealed class TableLeadExportSource(TableServiceClient tables) : ILeadExportSource
{
    private static readonly string[] s_columns =
    [
        "PartitionKey", nameof(LeadEntity.Email), nameof(LeadEntity.FirstName), nameof(LeadEntity.LastName), nameof(LeadEntity.Company),
        nameof(LeadEntity.Country), nameof(LeadEntity.Stage), nameof(LeadEntity.Score), nameof(LeadEntity.Grade), nameof(LeadEntity.Engagement),
        nameof(LeadEntity.Channel), nameof(LeadEntity.FirstTouchCampaign), nameof(LeadEntity.FormId), nameof(LeadEntity.Owner),
        nameof(LeadEntity.FirstSeenAt), nameof(LeadEntity.StageEnteredAt), nameof(LeadEntity.Outcome), nameof(LeadEntity.Amount),
        nameof(LeadEntity.ConsentMarketing), nameof(LeadEntity.ConsentVersion), nameof(LeadEntity.ConsentAt),
    ];

    private readonly TableClient _table = tables.GetTableClient(StorageNames.LeadsTable);

    /// <inheritdoc />
    public async IAsyncEnumerable<LeadExportRow> ReadAsync(LeadExportQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {LeadEntity.ProfileRowKey}");
        if (query.Stage is { } stage)
            filter += " and " + TableClient.CreateQueryFilter($"Stage eq {FunnelStageCodes.ToCode(stage)}");
        if (query.FirstSeenFrom is { } from)
            filter += " and " + TableClient.CreateQueryFilter($"FirstSeenAt ge {from.ToUniversalTime()}");
        if (query.FirstSeenBefore is { } before)
            filter += " and " + TableClient.CreateQueryFilter($"FirstSeenAt lt {before.ToUniversalTime()}");

        await foreach (var row in _table.QueryAsync<LeadEntity>(filter, select: s_columns, cancellationToken: cancellationToken))
        {
            yield return new LeadExportRow(
                row.PartitionKey, row.Email, row.FirstName, row.LastName, row.Company, row.Country, row.Stage, row.Score, row.Grade, row.Engagement,
                row.Channel, row.FirstTouchCampaign, row.FormId, row.Owner, row.FirstSeenAt, row.StageEnteredAt, row.Outcome, row.Amount)
            {
                ConsentMarketing = row.ConsentMarketing,
                ConsentVersion = row.ConsentVersion,
                ConsentAt = row.ConsentAt,
            };
        }
    }
}
