using Azure;

namespace LeadIntake.Storage.Blobs;

/// <summary>The properties that came with a download.</summary>
/// <param name="ETag">The version downloaded.</param>
/// <param name="LastModified">When that version was written (UTC).</param>
/// <param name="ContentType">Its content type.</param>
public sealed record BlobDownloadDetails(ETag ETag, DateTimeOffset LastModified, string? ContentType);
