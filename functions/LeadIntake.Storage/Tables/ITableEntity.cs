using Azure;

namespace LeadIntake.Storage.Tables;

/// <summary>The system properties every table entity has.</summary>
/// <remarks>
/// Typed entities implement this with a public parameterless constructor; their other public read/write properties are
/// the columns (see <see cref="TableClient"/> for the supported types).
/// </remarks>
public interface ITableEntity
{
    /// <summary>The partition key: entities with the same key can be written in one transaction.</summary>
    string PartitionKey { get; set; }

    /// <summary>The row key, unique within the partition; rows sort by it (ordinal).</summary>
    string RowKey { get; set; }

    /// <summary>When the service last wrote the entity; set by the service, ignored on write.</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity version for optimistic concurrency (<c>If-Match</c>).</summary>
    ETag ETag { get; set; }
}
