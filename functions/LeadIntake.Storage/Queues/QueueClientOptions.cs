using Azure.Core;

namespace LeadIntake.Storage.Queues;

/// <summary>Options for <see cref="QueueServiceClient"/> and <see cref="QueueClient"/>: message encoding, retries, transport.</summary>
/// <remarks>Requests carry <c>x-ms-version: 2025-11-05</c>.</remarks>
public sealed class QueueClientOptions : ClientOptions
{
    internal const string ServiceVersion = "2025-11-05";

    /// <summary>
    /// How message text is encoded on the wire. Defaults to <see cref="QueueMessageEncoding.Base64"/>, unlike the Azure SDK
    /// (None), because the Functions queue trigger decodes base64 by default and moves anything else to the poison queue.
    /// </summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;
}
