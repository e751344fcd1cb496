using Azure;

namespace LeadIntake.Storage.Models;

/// <summary>A <see cref="ModelPointer"/> with the ETag of the blob it was read from, for a conditional update.</summary>
/// <param name="Pointer">The pointer's content.</param>
/// <param name="ETag">The pointer blob's ETag when it was read or written.</param>
public sealed record VersionedModelPointer(ModelPointer Pointer, ETag ETag);
