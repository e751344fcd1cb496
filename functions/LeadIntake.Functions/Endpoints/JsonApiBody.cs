using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Reads the JSON (activities, sales events, spend) or CSV (spend) body of an API request within a size limit.</summary>
/// <remarks>
/// Never throws for what a client sends: 415 for a media type other than JSON (or CSV, for <see cref="ReadCsvAsync"/>), 413
/// over the limit (counting bytes as received), 400 for malformed JSON or UTF-8 — each a problem+json answer. Cancellation of <c>cancellationToken</c> still throws.
/// A JSON document is handed on only when every string and property name in it reads as text: bytes that are not UTF-8
/// and lone surrogate escapes (<c>"\ud800"</c>) are refused here, so no caller's <c>GetString()</c> can throw (the parser
/// only notices them when a string is read, as an <see cref="InvalidOperationException"/>).
/// </remarks>
public static class JsonApiBody
{
    /// <summary>The parsed body, or the 4xx answer to give instead.</summary>
    public static async Task<(JsonDocument? Body, IResult? Refusal)> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request))
            return (null, Results.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        var (bytes, tooLarge) = await ReadBoundedAsync(request, maxBodyBytes, cancellationToken);
        if (bytes is null)
            return (null, tooLarge);

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            return (null, Results.Problem("The body is not valid UTF-8 text.", statusCode: StatusCodes.Status400BadRequest));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return (null, Results.Problem("The body is not valid JSON.", statusCode: StatusCodes.Status400BadRequest));
        }

        if (!ReadsAsText(document.RootElement))
        {
            document.Dispose();
            return (null, Results.Problem("The body holds a string that is not valid Unicode text (a lone surrogate escape such as \\ud800).", statusCode: StatusCodes.Status400BadRequest));
        }

        return (document, null);
    }

    // Every string value and property name decodes to UTF-16 (depth is bounded by MaxDepth above).
    private static bool ReadsAsText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(ReadsAsText);
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(property => property.Name is not null && ReadsAsText(property.Value));
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The body of a <c>text/csv</c> request as UTF-8 text (a byte-order mark is kept for the CSV reader to skip), or the
    /// 4xx answer: 415 for another media type or charset, 413 over the limit, 400 for bytes that are not UTF-8.
    /// </summary>
    public static async Task<(string? Text, IResult? Refusal)> ReadCsvAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (!IsCsv(request)
            || (MediaTypeHeaderValue.Parse(request.ContentType).Charset.Value is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            return (null, Results.Problem("Send the body as text/csv in UTF-8.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        var (bytes, tooLarge) = await ReadBoundedAsync(request, maxBodyBytes, cancellationToken);
        if (bytes is null)
            return (null, tooLarge);
        try
        {
            return (s_strictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Results.Problem("The body is not valid UTF-8.", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    /// <summary>True when the request says its body is <c>application/json</c> or another <c>+json</c> type.</summary>
    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
        && contentType.MediaType.Value is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the request says its body is <c>text/csv</c>.</summary>
    public static bool IsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
        && contentType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The body's bytes, counted as received (a client may lie about or omit Content-Length), or 413.
    private static async Task<(byte[]? Bytes, IResult? TooLarge)> ReadBoundedAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
            return (null, TooLarge(maxBodyBytes));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
                return (null, TooLarge(maxBodyBytes));
            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    private static IResult TooLarge(int maxBodyBytes) =>
        Results.Problem($"The body is larger than {maxBodyBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
