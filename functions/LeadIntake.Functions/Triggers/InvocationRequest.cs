using System.Text.Json;

namespace LeadIntake.Functions.Triggers;

/// <summary>The body the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger.</summary>
/// <remarks>Keys of <see cref="Data"/> are binding names; <see cref="Metadata"/> holds trigger data such as <c>DequeueCount</c> and <c>Id</c>.</remarks>
public sealed class InvocationRequest
{
    /// <summary>Trigger and input binding values, by binding name.</summary>
    public Dictionary<string, JsonElement> Data { get; set; } = [];

    /// <summary>Trigger metadata, by name; unknown keys are ignored.</summary>
    public Dictionary<string, JsonElement> Metadata { get; set; } = [];

    /// <summary>Metadata value as text (double encoding removed), or null when absent.</summary>
    public string? MetadataText(string name) =>
        Metadata.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? InvocationValue.AsText(value) : null;

    /// <summary>Metadata value as a whole number (number or numeric string), or null when absent.</summary>
    public long? MetadataInt64(string name) =>
        Metadata.TryGetValue(name, out var value) ? InvocationValue.AsInt64(value) : null;
}
