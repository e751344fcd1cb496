using Azure;
using Azure.Data.Tables;
using LeadIntake.Application.Activities;
using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Sales;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Activities;

/// <summary>Lead timelines in the <c>LeadActivities</c> table (<see cref="LeadActivityEntity"/>). Thread-safe.</summary>
public sealed class TableLeadActivityStore(TableServiceClient tables) : ILeadActivityStore
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.LeadActivitiesTable);

    /// <inheritdoc />
    public async Task<bool> TryAddAsync(string leadId, LeadActivity activity, ActivitySource source, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new LeadActivityEntity
            {
                PartitionKey = leadId,
                RowKey = RowKeyFor(activity.At, activity.Id),
                Source = ToCode(source),
                Type = activity.Type,
                At = activity.At.ToUniversalTime(),
                EventId = activity.Id,
                Properties = activity.Properties.Count == 0 ? null : LeadEntityMapper.ToStoredJson(activity.Properties),
                ConsentMarketing = activity.Consent is null ? null : true,
                ConsentVersion = activity.Consent?.Version,
                ConsentFormId = activity.Consent?.FormId,
                ConsentPageUrl = activity.Consent?.PageUrl,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // EntityAlreadyExists: the same event was stored before (a replay).
            return false;
        }
    }

    /// <inheritdoc />
    public Task AddSalesEventAsync(string leadId, SalesEvent salesEvent, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new LeadActivityEntity
        {
            PartitionKey = leadId,
            RowKey = RowKeyFor(salesEvent.At, salesEvent.Id),
            Source = ToCode(ActivitySource.Sales),
            Type = SalesEventTypeCodes.ToCode(salesEvent.Type),
            At = salesEvent.At.ToUniversalTime(),
            EventId = salesEvent.Id,
            Actor = salesEvent.Actor,
            Reason = salesEvent.Reason,
            Amount = salesEvent.Amount is { } amount ? (double)amount : null,
            Note = salesEvent.Note,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeadActivity>> FindBehaviourSinceAsync(string leadId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var sales = ToCode(ActivitySource.Sales);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {leadId} and RowKey ge {LeadEntityMapper.TimeKey(since)} and Source ne {sales}");
        var found = new List<LeadActivity>();
        await foreach (var row in _table.QueryAsync<LeadActivityEntity>(filter, cancellationToken: cancellationToken))
            found.Add(new LeadActivity(row.EventId, row.Type, row.At, LeadEntityMapper.FromStoredJson(row.Properties))
            {
                Consent = row.ConsentMarketing == true ? new ConsentProof(row.ConsentVersion, row.ConsentFormId, row.ConsentPageUrl, row.At) : null,
            });
        return found;
    }

    /// <summary>The row key of an event: its UTC time key and id.</summary>
    public static string RowKeyFor(DateTimeOffset at, string eventId) => $"{LeadEntityMapper.TimeKey(at)}_{eventId}";

    private static string ToCode(ActivitySource source) => source switch
    {
        ActivitySource.Form => "form",
        ActivitySource.Behaviour => "behaviour",
        _ => "sales",
    };
}
