using System.Globalization;
using System.Text.Json;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Strict reading of a JSON API object's fields, collecting one message per bad field for a problem+json answer.</summary>
/// <remarks>Field names in the errors carry the item's prefix (<c>[2].type</c>) when the body is an array.</remarks>
public sealed class ApiFieldErrors
{
    /// <summary>Longest event id, actor or reason.</summary>
    public const int MaxIdLength = 128;

    /// <summary>How far ahead of the server's clock an event's time may be (clock skew), before it counts as in the future.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no field was refused.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>The errors in the shape <c>Results.ValidationProblem</c> takes.</summary>
    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Records <paramref name="message"/> for <paramref name="field"/>.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    /// <summary>Refuses every property of <paramref name="item"/> not in <paramref name="allowed"/>; false when <paramref name="item"/> is not an object.</summary>
    public bool RequireObject(JsonElement item, string prefix, IReadOnlyCollection<string> allowed)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Add(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "must be a JSON object");
            return false;
        }

        foreach (var property in item.EnumerateObject().Where(p => !allowed.Contains(p.Name)))
            Add(prefix + property.Name, $"unknown field; expected {string.Join(", ", allowed)}");
        return true;
    }

    /// <summary>A string field; null (with an error when <paramref name="required"/>) when missing or not a string.</summary>
    public string? String(JsonElement item, string name, string prefix, bool required, int maxLength)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
                Add(prefix + name, "required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text || text.Trim().Length == 0)
        {
            Add(prefix + name, "must be a non-empty string");
            return null;
        }

        text = text.Trim();
        if (text.Length > maxLength)
        {
            Add(prefix + name, $"must be at most {maxLength} characters");
            return null;
        }

        return text;
    }

    /// <summary>An id: 1–128 visible ASCII characters other than / \ # ? (they cannot be part of a table key).</summary>
    public string? Id(JsonElement item, string name, string prefix)
    {
        var id = String(item, name, prefix, required: true, MaxIdLength);
        if (id is not null && id.Any(c => c is < '!' or > '~' or '/' or '\\' or '#' or '?'))
        {
            Add(prefix + name, "must be visible ASCII characters other than / \\ # ?");
            return null;
        }

        return id;
    }

    /// <summary>An ISO-8601 time with a UTC offset, not in the future; <paramref name="fallback"/> when missing and not required.</summary>
    public DateTimeOffset? Time(JsonElement item, string name, string prefix, bool required, DateTimeOffset now, DateTimeOffset? fallback = null)
    {
        var text = String(item, name, prefix, required, 64);
        if (text is null)
            return required ? null : fallback;
        if (!text.Contains('T', StringComparison.Ordinal)
            || !(text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            Add(prefix + name, "must be an ISO-8601 time with a UTC offset, e.g. 2026-12-01T09:30:00Z");
            return null;
        }

        if (at > now + AllowedClockSkew)
        {
            Add(prefix + name, "is in the future");
            return null;
        }

        return at.ToUniversalTime();
    }
}
