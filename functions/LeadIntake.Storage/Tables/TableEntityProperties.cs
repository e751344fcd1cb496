using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;

namespace LeadIntake.Storage.Tables;

/// <summary>The column properties of a typed entity: public, read/write, not indexers, not <see cref="ITableEntity"/>'s own, not [IgnoreDataMember].</summary>
/// <remarks>Cached per type; thread-safe. Unsupported property types are rejected on first use, naming the property.</remarks>
internal static class TableEntityProperties
{
    private static readonly HashSet<string> SystemProperties =
        [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey), nameof(ITableEntity.Timestamp), nameof(ITableEntity.ETag)];

    private static readonly HashSet<Type> SupportedTypes =
    [
        typeof(string), typeof(bool), typeof(int), typeof(long), typeof(double), typeof(DateTimeOffset),
        typeof(DateTime), typeof(Guid), typeof(byte[]), typeof(BinaryData),
    ];

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> Cache = new();

    /// <summary>Whether <paramref name="name"/> is PartitionKey, RowKey, Timestamp or ETag.</summary>
    public static bool IsSystemProperty(string name) => SystemProperties.Contains(name);

    public static IReadOnlyDictionary<string, PropertyInfo> For(Type entityType) => Cache.GetOrAdd(entityType, Discover);

    private static IReadOnlyDictionary<string, PropertyInfo> Discover(Type entityType)
    {
        var properties = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in entityType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (SystemProperties.Contains(property.Name) || !property.CanRead || !property.CanWrite
                || property.GetIndexParameters().Length > 0 || property.GetSetMethod() is null
                || property.IsDefined(typeof(IgnoreDataMemberAttribute)))
                continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!type.IsEnum && !SupportedTypes.Contains(type))
                throw new NotSupportedException(
                    $"{entityType.Name}.{property.Name} is {property.PropertyType.Name}; table columns support string, bool, int, long, double, DateTimeOffset, DateTime, Guid, byte[], BinaryData and enums.");
            properties.Add(property.Name, property);
        }

        return properties;
    }
}
