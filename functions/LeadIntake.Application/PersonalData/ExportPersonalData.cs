namespace LeadIntake.Application.PersonalData;

/// <summary>The right of access (<c>GET /api/leads/export?email=</c>): everything stored about one person, as stored.</summary>
/// <remarks>Reads only; a person nothing is stored about gets the same shape with empty lists. Thread-safe.</remarks>
public sealed class ExportPersonalData(IPersonalDataStore store, TimeProvider timeProvider)
{
    /// <summary>Collects <paramref name="subject"/>'s rows and dead-letter messages.</summary>
    public async Task<PersonalDataExport> RunAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var records = await store.ReadAsync(subject, cancellationToken);
        return new PersonalDataExport(subject.LeadId, subject.Email, timeProvider.GetUtcNow(), records.Tables, records.Queues);
    }
}

/// <summary>The access export: JSON <c>{ leadId, email, exportedAt, tables: { Leads: [ {…} ], … }, queues: { … } }</c>.</summary>
/// <remarks>Format version 1 (the first). Rows carry every stored property, PartitionKey, RowKey and Timestamp included.</remarks>
/// <param name="LeadId">The lead id.</param>
/// <param name="Email">The normalised email the request named.</param>
/// <param name="ExportedAt">When the export was read (UTC).</param>
/// <param name="Tables">Rows per table, every searched table listed.</param>
/// <param name="Queues">Dead-letter messages per poison queue.</param>
public sealed record PersonalDataExport(
    string LeadId, string Email, DateTimeOffset ExportedAt,
    IReadOnlyDictionary<string, IReadOnlyList<StoredRecord>> Tables,
    IReadOnlyDictionary<string, IReadOnlyList<StoredRecord>> Queues)
{
    /// <summary>True when anything is stored about the person.</summary>
    public bool Found => Tables.Values.Any(rows => rows.Count > 0) || Queues.Values.Any(messages => messages.Count > 0);
}
