using Azure;

namespace LeadIntake.Storage.Models;

/// <summary>The model the <c>current</c> pointer names, as downloaded.</summary>
/// <param name="Pointer">The pointer that named the model.</param>
/// <param name="Content">The model blob's bytes (the artifact JSON), not yet validated.</param>
/// <param name="PointerETag">The pointer blob's ETag; unchanged ETag means the same model is still current.</param>
public sealed record CurrentModel(ModelPointer Pointer, BinaryData Content, ETag PointerETag);
