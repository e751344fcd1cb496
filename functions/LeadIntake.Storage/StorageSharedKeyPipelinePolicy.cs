using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadIntake.Storage;

/// <summary>Signs Queue and Blob requests with the Shared Key scheme (12 header lines, x-ms-* headers, every query parameter).</summary>
/// <remarks>
/// https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key. Runs per retry so each attempt gets a
/// fresh <c>x-ms-date</c>. The canonicalized resource is <c>/account</c> + the escaped path as sent, so Azurite's
/// path-style URLs yield <c>/devstoreaccount1/devstoreaccount1/…</c> as the service expects. Not used for Tables, whose
/// scheme differs (see <c>TableSharedKeyLitePipelinePolicy</c>).
/// </remarks>
internal sealed class StorageSharedKeyPipelinePolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    private static readonly string[] SignedStandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", TimeProvider.System.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(StringToSign(request, accountName))));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    internal static string StringToSign(Request request, string accountName)
    {
        var text = new StringBuilder().Append(request.Method.Method).Append('\n');
        foreach (var header in SignedStandardHeaders)
        {
            if (header == "Content-Length")
            {
                // Content-Length is empty when zero (versions 2015-02-21 and later).
                var length = request.Content is not null && request.Content.TryComputeLength(out var l) && l > 0 ? l : 0;
                text.Append(length > 0 ? length.ToString(CultureInfo.InvariantCulture) : string.Empty).Append('\n');
                continue;
            }

            text.Append(request.Headers.TryGetValue(header, out var value) ? value : string.Empty).Append('\n');
        }

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            text.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        var uri = request.Uri.ToUri();
        text.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var parameters = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0]).ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var values = parameter
                .Select(pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : string.Empty)
                .Order(StringComparer.Ordinal);
            text.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', values));
        }

        return text.ToString();
    }
}
