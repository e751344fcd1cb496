using Azure;

namespace LeadIntake.Storage.Blobs;

/// <summary>The version of a blob just written.</summary>
/// <param name="ETag">The new ETag, for a later conditional write.</param>
/// <param name="LastModified">When it was written (UTC).</param>
public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified);
