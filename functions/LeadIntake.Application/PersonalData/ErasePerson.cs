namespace LeadIntake.Application.PersonalData;

/// <summary>The right to erasure (<c>DELETE /api/leads?email=</c>): removes every row and dead-letter message of one person.</summary>
/// <remarks>
/// A request for a person nothing is stored about is not an error: the answer is the same shape with zero counts, which
/// is what a privacy officer records. Aggregate tables (counts per day, cohort or form) hold no person and are left as they
/// are. Thread-safe.
/// </remarks>
public sealed class ErasePerson(IPersonalDataStore store, TimeProvider timeProvider)
{
    /// <summary>Erases <paramref name="subject"/>.</summary>
    /// <remarks>When storage fails part-way, the rows already deleted stay deleted and a retry finishes the job.</remarks>
    public async Task<PersonErasure> RunAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var deleted = await store.EraseAsync(subject, cancellationToken);
        return new PersonErasure(subject.LeadId, timeProvider.GetUtcNow(), deleted.Rows, deleted.Messages);
    }
}

/// <summary>The answer to an erasure request.</summary>
/// <param name="LeadId">The erased lead id (the email is not repeated back).</param>
/// <param name="ErasedAt">When the erasure finished (UTC).</param>
/// <param name="Deleted">Rows deleted per table; every table searched is listed, 0 included.</param>
/// <param name="DeletedMessages">Dead-letter messages deleted per poison queue.</param>
public sealed record PersonErasure(
    string LeadId, DateTimeOffset ErasedAt, IReadOnlyDictionary<string, int> Deleted, IReadOnlyDictionary<string, int> DeletedMessages)
{
    /// <summary>True when anything at all was deleted.</summary>
    public bool Found => Deleted.Values.Any(n => n > 0) || DeletedMessages.Values.Any(n => n > 0);
}
