using Azure;

namespace LeadIntake.Storage.Tables;

/// <summary>An entity of any shape: the system properties plus a dictionary of columns.</summary>
/// <remarks>
/// Column values are <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="DateTimeOffset"/> (UTC), <see cref="Guid"/> or <c>byte[]</c>; read back with the same types from the
/// service's type annotations. Column names are case-sensitive. Not thread-safe.
/// </remarks>
public sealed class TableEntity : Dictionary<string, object>, ITableEntity
{
    /// <summary>An empty entity with empty keys.</summary>
    public TableEntity()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>An empty entity with the given keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The column as a string, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The column holds another type.</exception>
    public string? GetString(string key) => GetReference<string>(key);

    /// <summary>The column as an Int32, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The column holds another type.</exception>
    public int? GetInt32(string key) => GetValue<int>(key);

    /// <summary>The column as an Int64, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The column holds another type.</exception>
    public long? GetInt64(string key) => GetValue<long>(key);

    /// <summary>The column as a double, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The column holds another type.</exception>
    public double? GetDouble(string key) => GetValue<double>(key);

    /// <summary>The column as a boolean, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The column holds another type.</exception>
    public bool? GetBoolean(string key) => GetValue<bool>(key);

    /// <summary>The column as a UTC instant, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The column holds another type.</exception>
    public DateTimeOffset? GetDateTimeOffset(string key) => GetValue<DateTimeOffset>(key);

    /// <summary>The column as a GUID, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The column holds another type.</exception>
    public Guid? GetGuid(string key) => GetValue<Guid>(key);

    /// <summary>The column as bytes, or null if absent.</summary>
    /// <exception cref="InvalidOperationException">The column holds another type.</exception>
    public byte[]? GetBinary(string key) => GetReference<byte[]>(key);

    private T? GetValue<T>(string key)
        where T : struct =>
        !TryGetValue(key, out var value) ? null : value is T typed ? typed : throw WrongType(key, value, typeof(T));

    private T? GetReference<T>(string key)
        where T : class =>
        !TryGetValue(key, out var value) ? null : value as T ?? throw WrongType(key, value, typeof(T));

    private static InvalidOperationException WrongType(string key, object value, Type expected) =>
        new($"Column '{key}' holds {value.GetType().Name}, not {expected.Name}.");
}
