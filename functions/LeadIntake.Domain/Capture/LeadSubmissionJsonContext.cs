using System.Text.Json.Serialization;

namespace LeadIntake.Domain.Capture;

/// <summary>Source-generated System.Text.Json metadata for the queue message.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LeadSubmissionMessageV1))]
internal sealed partial class LeadSubmissionJsonContext : JsonSerializerContext;
