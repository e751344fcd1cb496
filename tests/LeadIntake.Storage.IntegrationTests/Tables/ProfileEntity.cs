using Azure;
using LeadIntake.Storage.Tables;

namespace LeadIntake.Storage.IntegrationTests.Tables;

/// <summary>A small typed entity for write/read/query tests. PartitionKey: a group; RowKey: an id.</summary>
public sealed class ProfileEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Name { get; set; }

    public string? Company { get; set; }

    public int Score { get; set; }
}
