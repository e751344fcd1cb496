using Azure;
using LeadIntake.Storage.Tables;

namespace LeadIntake.Storage.IntegrationTests.Tables;

/// <summary>A typed entity with one column of every supported type, to round-trip through the Table service.</summary>
public sealed class AllTypesEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Text { get; set; }

    public bool Flag { get; set; }

    public int Int32 { get; set; }

    public long Int64 { get; set; }

    public double Double { get; set; }

    public double WholeDouble { get; set; }

    public DateTimeOffset Instant { get; set; }

    public DateTime DateTime { get; set; }

    public Guid Id { get; set; }

    public byte[]? Bytes { get; set; }

    public BinaryData? Data { get; set; }

    public DayOfWeek Day { get; set; }

    public int? MissingNumber { get; set; }

    public long? NullableInt64 { get; set; }

    public DateTimeOffset? NullableInstant { get; set; }
}
