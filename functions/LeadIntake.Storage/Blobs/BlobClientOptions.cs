using Azure.Core;

namespace LeadIntake.Storage.Blobs;

/// <summary>Options for <see cref="BlobServiceClient"/>, <see cref="BlobContainerClient"/> and <see cref="BlobClient"/>: retries, transport.</summary>
/// <remarks>Requests carry <c>x-ms-version: 2025-11-05</c>.</remarks>
public sealed class BlobClientOptions : ClientOptions
{
    internal const string ServiceVersion = "2025-11-05";
}
