using Azure;
using Azure.Data.Tables;

namespace LeadIntake.Storage.Leads;

/// <summary>The four system properties every table row has; each entity of this folder states its own key scheme.</summary>
public abstract class TableRow : ITableEntity
{
    /// <inheritdoc />
    public string PartitionKey { get; set; } = "";

    /// <inheritdoc />
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }
}
