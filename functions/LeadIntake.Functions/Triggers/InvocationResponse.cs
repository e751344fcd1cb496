using System.Text.Json.Serialization;

namespace LeadIntake.Functions.Triggers;

/// <summary>The handler's answer to an invocation: output bindings, log lines and the return value.</summary>
/// <remarks>
/// Property names are PascalCase on the wire; <see cref="Outputs"/> keys are binding names, which the host looks up
/// case-sensitively. Only sent with a 200: a non-2xx answer makes the host discard it and retry the message.
/// </remarks>
public sealed class InvocationResponse
{
    /// <summary>Output binding values by exact binding name.</summary>
    [JsonPropertyName("Outputs")]
    public Dictionary<string, object?> Outputs { get; init; } = [];

    /// <summary>Lines written to the invocation log.</summary>
    [JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    /// <summary>Value of a <c>$return</c> binding; null when there is none.</summary>
    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }
}
