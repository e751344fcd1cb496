using Azure;

namespace LeadIntake.Storage.Models;

/// <summary>The model the <c>current</c> pointer names, as downloaded.</summary>
/// <param name="Pointer">The pointer that named the model.</param>
/// <param name="Files">The model folder's files by name (e.g. <c>model.zip</c>, <c>model-card.json</c>), not yet validated.</param>
/// <param name="PointerETag">The pointer blob's ETag; unchanged ETag means the same model is still current.</param>
public sealed record CurrentModel(ModelPointer Pointer, IReadOnlyDictionary<string, BinaryData> Files, ETag PointerETag);
