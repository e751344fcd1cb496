using System.Globalization;
using System.Text.Json;

namespace LeadIntake.Functions.Triggers;

/// <summary>Tolerant readers for values in the Functions host's invocation payload.</summary>
/// <remarks>
/// The host JSON-serialises string values a second time (<c>"\"abc\""</c>) and sends numbers as strings
/// (<c>"1"</c>), while the documentation shows plain values; both forms are accepted.
/// </remarks>
public static class InvocationValue
{
    /// <summary>The text of a string value, unwrapped once more when it is itself a JSON string literal.</summary>
    /// <exception cref="FormatException">The value is not a string (or a JSON object, returned as its raw text).</exception>
    public static string AsText(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
                {
                    try
                    {
                        return JsonSerializer.Deserialize<string>(text) ?? text;
                    }
                    catch (JsonException)
                    {
                        return text;
                    }
                }

                return text;
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                // A JSON message can arrive as the object itself rather than as text.
                return value.GetRawText();
            default:
                throw new FormatException($"Expected a string value, got {value.ValueKind}.");
        }
    }

    /// <summary>A whole number sent as a number, a numeric string or a double-encoded numeric string.</summary>
    public static long? AsInt64(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(AsText(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
