namespace LeadIntake.Storage.Blobs;

/// <summary>A downloaded blob: its bytes and the properties of the version read.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="Details">ETag, last-modified and content type of the version read.</param>
public sealed record BlobDownloadResult(BinaryData Content, BlobDownloadDetails Details);
