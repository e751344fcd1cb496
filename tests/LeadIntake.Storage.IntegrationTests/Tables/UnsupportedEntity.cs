using Azure;
using LeadIntake.Storage.Tables;

namespace LeadIntake.Storage.IntegrationTests.Tables;

/// <summary>An entity with a decimal column, which Table storage has no type for.</summary>
public sealed class UnsupportedEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "p";

    public string RowKey { get; set; } = "r";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public decimal Amount { get; set; }
}
