using System.Text.Json.Serialization;

namespace LeadIntake.Storage.Models;

/// <summary>Source-generated JSON metadata for <see cref="ModelPointer"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ModelPointer))]
internal sealed partial class ModelPointerJsonContext : JsonSerializerContext;
