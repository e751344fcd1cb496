namespace LeadIntake.Application.PersonalData;

/// <summary>Everything storage holds about one person, found by lead id wherever it sits: the port erasure and access share.</summary>
/// <remarks>
/// Implementations search every table the app writes (a row belongs to the person when its PartitionKey or its
/// <c>LeadId</c> column is the lead id) and the dead-letter (poison) queues (a message belongs to the person when its body
/// names the lead id or the email). Failures surface as the storage SDK's exceptions (the HTTP middleware answers 503).
/// </remarks>
public interface IPersonalDataStore
{
    /// <summary>Every row and dead-letter message of <paramref name="subject"/>, as stored.</summary>
    Task<PersonalDataRecords> ReadAsync(DataSubject subject, CancellationToken cancellationToken);

    /// <summary>Deletes every row and dead-letter message of <paramref name="subject"/>; returns how many of each went, per table and queue.</summary>
    /// <remarks>Idempotent: a second call finds nothing and deletes nothing.</remarks>
    Task<PersonalDataDeletions> EraseAsync(DataSubject subject, CancellationToken cancellationToken);
}

/// <summary>One stored row or message, as name → value (string, number, boolean, time, bytes), system properties included.</summary>
public sealed class StoredRecord : Dictionary<string, object?>
{
    /// <summary>An empty record.</summary>
    public StoredRecord()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>What <see cref="IPersonalDataStore.ReadAsync"/> found.</summary>
/// <param name="Tables">Rows per table name, every searched table present (empty when it holds nothing).</param>
/// <param name="Queues">Dead-letter messages per queue name (each: <c>messageId</c>, <c>insertedAt</c>, <c>dequeueCount</c>, <c>body</c>).</param>
public sealed record PersonalDataRecords(
    IReadOnlyDictionary<string, IReadOnlyList<StoredRecord>> Tables,
    IReadOnlyDictionary<string, IReadOnlyList<StoredRecord>> Queues);

/// <summary>What <see cref="IPersonalDataStore.EraseAsync"/> deleted.</summary>
/// <param name="Rows">Rows deleted per table name, every searched table present (0 when it held nothing).</param>
/// <param name="Messages">Dead-letter messages deleted per queue name, every searched queue present.</param>
public sealed record PersonalDataDeletions(IReadOnlyDictionary<string, int> Rows, IReadOnlyDictionary<string, int> Messages);
