using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadIntake.Storage.Tables;

/// <summary>Signs Table requests with SharedKeyLite: <c>x-ms-date</c> and the canonicalized resource only.</summary>
/// <remarks>
/// As Azure.Data.Tables' <c>TableSharedKeyPipelinePolicy</c>: the date slot signs the value sent in <c>x-ms-date</c>;
/// the resource is <c>/account</c> + the escaped path as sent, plus <c>?comp=</c> when present (no other query parameter).
/// Runs per retry so each attempt is re-dated.
/// </remarks>
internal sealed class TableSharedKeyLitePipelinePolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = TimeProvider.System.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(date + "\n" + CanonicalizedResource(request.Uri.ToUri()))));
        request.Headers.SetValue("Authorization", $"SharedKeyLite {accountName}:{signature}");
    }

    private string CanonicalizedResource(Uri uri)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        var comp = uri.Query.TrimStart('?').Split('&')
            .FirstOrDefault(pair => pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase));
        return comp is null ? resource : resource + "?comp=" + Uri.UnescapeDataString(comp[5..]);
    }
}
