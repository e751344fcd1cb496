using System.Text.Json.Serialization;

namespace LeadIntake.Learning.Artifacts;

/// <summary>Source-generated System.Text.Json metadata for the artifact and metrics documents (camelCase, indented, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NewLine = "\n",
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelArtifact))]
[JsonSerializable(typeof(EvaluationMetrics))]
internal sealed partial class ArtifactJsonContext : JsonSerializerContext;
