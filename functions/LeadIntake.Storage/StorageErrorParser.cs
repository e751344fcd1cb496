using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace LeadIntake.Storage;

/// <summary>Reads the storage error code and message out of a failed response for <see cref="RequestFailedException"/>.</summary>
/// <remarks>
/// Order: the <c>x-ms-error-code</c> header, then a Table JSON body (<c>{"odata.error":{"code","message":{"value"}}}</c>),
/// then an XML body (<c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;</c>, used by Queue, Blob and by auth failures on every service).
/// Stateless and thread-safe.
/// </remarks>
public sealed class StorageErrorParser : RequestFailedDetailsParser
{
    private StorageErrorParser()
    {
    }

    /// <summary>The single instance.</summary>
    public static StorageErrorParser Instance { get; } = new();

    /// <inheritdoc />
    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        ArgumentNullException.ThrowIfNull(response);
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var (bodyCode, message) = ReadBody(response);
        var code = headerCode ?? bodyCode;
        error = code is null && message is null ? null : new ResponseError(code, message);
        return error is not null;
    }

    private static (string? Code, string? Message) ReadBody(Response response)
    {
        var content = response.Content;
        if (content is null || content.ToMemory().IsEmpty)
            return (null, null);
        var text = content.ToString().TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        try
        {
            if (text.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(text);
                if (!json.RootElement.TryGetProperty("odata.error", out var odataError))
                    return (null, null);
                var code = odataError.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = odataError.TryGetProperty("message", out var m)
                    ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                    : null;
                return (code, message);
            }

            if (text.StartsWith('<'))
            {
                var root = XDocument.Parse(text).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException)
        {
            // A body we cannot read still leaves the status and the header code; the raw text goes in the message below.
        }

        return (null, text.Length > 500 ? text[..500] : text);
    }
}
