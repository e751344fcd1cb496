using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace LeadIntake.Storage.Tables;

/// <summary>Entities to and from the Table service's OData JSON (minimal metadata).</summary>
/// <remarks>
/// Writing: Int64 as a string annotated <c>Edm.Int64</c>; doubles annotated <c>Edm.Double</c> (else 2.0 would be stored as
/// Int32), NaN/±Infinity as annotated strings; instants as ISO-8601 UTC with 7 fractional digits annotated <c>Edm.DateTime</c>;
/// Guid and binary annotated; enums as their names; null values omitted (the service has no null).
/// Reading a typed entity converts by the property's type; reading a <see cref="TableEntity"/> uses the annotations,
/// and a number with a '.' or exponent is a double. https://learn.microsoft.com/rest/api/storageservices/payload-format-for-table-service-operations
/// </remarks>
internal static class TableEntityJson
{
    /// <summary>How instants are written, in JSON bodies and in filter literals: UTC, 7 fractional digits.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(ITableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(nameof(ITableEntity.PartitionKey), entity.PartitionKey);
            writer.WriteString(nameof(ITableEntity.RowKey), entity.RowKey);

            foreach (var (name, value) in Columns(entity))
                WriteColumn(writer, name, value);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static T Deserialize<T>(JsonElement json, ETag headerETag = default)
        where T : class, ITableEntity, new()
    {
        var entity = new T();
        var properties = entity is TableEntity ? null : TableEntityProperties.For(typeof(T));
        foreach (var column in json.EnumerateObject())
        {
            var name = column.Name;
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
                continue;
            switch (name)
            {
                case nameof(ITableEntity.PartitionKey):
                    entity.PartitionKey = column.Value.GetString() ?? string.Empty;
                    continue;
                case nameof(ITableEntity.RowKey):
                    entity.RowKey = column.Value.GetString() ?? string.Empty;
                    continue;
                case nameof(ITableEntity.Timestamp):
                    entity.Timestamp = ParseInstant(column.Value.GetString()!);
                    continue;
            }

            if (entity is TableEntity dictionary)
            {
                var edmType = json.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
                dictionary[name] = ReadUntyped(column.Value, edmType);
            }
            else if (properties!.TryGetValue(name, out var property))
            {
                property.SetValue(entity, ReadTyped(column.Value, property.PropertyType));
            }
        }

        entity.ETag = json.TryGetProperty("odata.etag", out var etag) ? new ETag(etag.GetString()!) : headerETag;
        return entity;
    }

    private static IEnumerable<KeyValuePair<string, object?>> Columns(ITableEntity entity)
    {
        if (entity is not TableEntity dictionary)
        {
            return TableEntityProperties.For(entity.GetType())
                .Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value.GetValue(entity)));
        }

        if (dictionary.Keys.FirstOrDefault(TableEntityProperties.IsSystemProperty) is { } reserved)
            throw new InvalidOperationException($"Column '{reserved}' is a system property; set TableEntity.{reserved} instead.");
        return dictionary.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value));
    }

    private static void WriteColumn(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                writer.WriteString(name, text);
                return;
            case bool flag:
                writer.WriteBoolean(name, flag);
                return;
            case int number:
                writer.WriteNumber(name, number);
                return;
            case long number:
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                return;
            case double number:
                if (double.IsFinite(number))
                    writer.WriteNumber(name, number);
                else
                    writer.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                return;
            case DateTimeOffset instant:
                WriteInstant(writer, name, instant);
                return;
            case DateTime dateTime:
                WriteInstant(writer, name, ToInstant(dateTime));
                return;
            case Guid guid:
                writer.WriteString(name, guid.ToString("D"));
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                return;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                return;
            case BinaryData data:
                writer.WriteBase64String(name, data.ToMemory().Span);
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                return;
            case Enum enumValue:
                writer.WriteString(name, enumValue.ToString());
                return;
            default:
                throw new NotSupportedException($"Column '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    /// <summary>A <see cref="DateTime"/> as an instant: local times are converted, unspecified ones taken as UTC (our convention).</summary>
    public static DateTimeOffset ToInstant(DateTime dateTime) =>
        dateTime.Kind == DateTimeKind.Local
            ? new DateTimeOffset(dateTime)
            : new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc));

    private static void WriteInstant(Utf8JsonWriter writer, string name, DateTimeOffset instant)
    {
        writer.WriteString(name, instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture));
        writer.WriteString(name + TypeSuffix, "Edm.DateTime");
    }

    private static object ReadUntyped(JsonElement value, string? edmType) => (value.ValueKind, edmType) switch
    {
        (JsonValueKind.String, "Edm.Int64") => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        (JsonValueKind.String, "Edm.Double") => ParseDouble(value.GetString()!),
        (JsonValueKind.String, "Edm.DateTime") => ParseInstant(value.GetString()!),
        (JsonValueKind.String, "Edm.Guid") => Guid.Parse(value.GetString()!),
        (JsonValueKind.String, "Edm.Binary") => value.GetBytesFromBase64(),
        (JsonValueKind.String, _) => value.GetString()!,
        (JsonValueKind.Number, "Edm.Double") => value.GetDouble(),
        (JsonValueKind.Number, _) when value.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') >= 0 => value.GetDouble(),
        (JsonValueKind.Number, _) => value.TryGetInt32(out var int32) ? (object)int32 : value.GetInt64(),
        (JsonValueKind.True, _) => true,
        (JsonValueKind.False, _) => false,
        _ => value.GetRawText(),
    };

    private static object? ReadTyped(JsonElement value, Type propertyType)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (type.IsEnum)
            return Enum.Parse(type, text);
        return type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(bool) => value.ValueKind == JsonValueKind.String ? bool.Parse(text) : value.GetBoolean(),
            _ when type == typeof(int) => int.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(long) => long.Parse(text, CultureInfo.InvariantCulture),
            _ when type == typeof(double) => ParseDouble(text),
            _ when type == typeof(DateTimeOffset) => ParseInstant(text),
            _ when type == typeof(DateTime) => ParseInstant(text).UtcDateTime,
            _ when type == typeof(Guid) => Guid.Parse(text),
            _ when type == typeof(byte[]) => Convert.FromBase64String(text),
            _ when type == typeof(BinaryData) => new BinaryData(Convert.FromBase64String(text)),
            _ => throw new NotSupportedException($"Unsupported column type {type.Name}."),
        };
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
