using Azure.Core;

namespace LeadIntake.Storage.Tables;

/// <summary>Options for <see cref="TableServiceClient"/> and <see cref="TableClient"/>: retries, transport, diagnostics.</summary>
/// <remarks>Requests carry <c>x-ms-version: 2020-12-06</c>, accepted by Azure and by Azurite 3.35 and later.</remarks>
public sealed class TableClientOptions : ClientOptions
{
    internal const string ServiceVersion = "2020-12-06";
}
