using Azure;

namespace LeadIntake.Storage.Blobs;

/// <summary>A blob's system properties.</summary>
/// <param name="ETag">The current version.</param>
/// <param name="LastModified">When it was last written (UTC).</param>
/// <param name="ContentLength">Its size in bytes.</param>
/// <param name="ContentType">Its content type.</param>
public sealed record BlobProperties(ETag ETag, DateTimeOffset LastModified, long ContentLength, string? ContentType);
