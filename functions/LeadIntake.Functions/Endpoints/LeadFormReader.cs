using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Reads a lead request body (form-urlencoded, multipart/form-data or a flat JSON object) into ordered fields.</summary>
/// <remarks>
/// <para>
/// The body is read into memory up to the size limit, counting the bytes actually received (a missing or false
/// <c>Content-Length</c> cannot get past it). Multipart file parts are skipped: a lead form carries no files.
/// JSON values may be strings, numbers or booleans; nested objects and arrays are refused.
/// </para>
/// <para>
/// Nothing the client sends makes this throw; every refusal is a <see cref="FormReadResult"/> whose detail is one
/// sentence for the client, never a stack trace:
/// 415 for a media type other than the three; 413 over the limit; 400 for malformed framing
/// (<see cref="BadHttpRequestException"/> from the server, e.g. a bad chunk size, carries its own 4xx status and
/// message), a multipart boundary missing or longer than 70 characters (RFC 2046 §5.1.1), malformed multipart or
/// urlencoded text, malformed JSON, JSON that is not valid UTF-8 and JSON strings holding a lone surrogate escape
/// (<c>"\ud800"</c>: not text). Form bodies (urlencoded, multipart) are decoded leniently, as browsers' forms are
/// read everywhere: bytes that are not UTF-8 become U+FFFD, and a percent escape that does not decode to UTF-8
/// stays as typed; the parser then keeps or refuses the text like any other.
/// </para>
/// <para>
/// A client that goes away mid-body (<see cref="HttpContext.RequestAborted"/> cancelled, or a connection reset)
/// gets <see cref="FormReadResult.ClientGone"/>: there is no one to answer, so the caller logs one line and writes
/// nothing. Cancellation of <c>cancellationToken</c> alone (the host shutting down) still throws
/// <see cref="OperationCanceledException"/>.
/// </para>
/// </remarks>
public static class LeadFormReader
{
    /// <summary>Longest multipart boundary (RFC 2046 §5.1.1: 1 to 70 characters).</summary>
    public const int MaxBoundaryLength = 70;

    // Replacement, not exceptions: a lead typed on a page with a legacy charset is still a lead (see remarks).
    private static readonly Encoding _lenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Reads the body of <paramref name="request"/>, refusing bodies above <paramref name="maxBodyBytes"/>.</summary>
    /// <param name="request">The request; its body is read to the end (or the limit).</param>
    /// <param name="maxBodyBytes">Largest body accepted, in bytes as received.</param>
    /// <param name="cancellationToken">Stops reading (the invocation's token).</param>
    /// <returns>The fields, a refusal (<see cref="FormReadResult.FailureStatus"/> 4xx), or <see cref="FormReadResult.ClientGone"/>.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while the client was still there.</exception>
    public static async Task<FormReadResult> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken = default)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || contentType.MediaType.Value is not { } mediaType)
            return Unsupported();
        if (request.ContentLength > maxBodyBytes)
            return TooLarge(maxBodyBytes);

        var isUrlEncoded = mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        var isMultipart = mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        var isJson = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (!isUrlEncoded && !isMultipart && !isJson)
            return Unsupported();

        // Checked before reading: MultipartReader throws on a boundary it cannot use.
        string? boundary = null;
        if (isMultipart)
        {
            boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
            if (string.IsNullOrWhiteSpace(boundary))
                return BadRequest("The multipart body has no boundary.");
            if (boundary.Length > MaxBoundaryLength)
                return BadRequest($"The multipart boundary is {boundary.Length} characters long; at most {MaxBoundaryLength} are allowed (RFC 2046).");
        }

        MemoryStream? body;
        try
        {
            body = await ReadBoundedAsync(request.Body, maxBodyBytes, cancellationToken);
        }
        catch (Exception e) when (IsClientGone(e, request))
        {
            return FormReadResult.ClientGone;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's framing errors: bad chunked encoding, body too large for the server, too slow (408).
            var status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest;
            return FormReadResult.Refused(status, "The body could not be read: " + e.Message);
        }
        catch (IOException e)
        {
            return BadRequest("The body could not be read: " + e.Message);
        }

        if (body is null)
            return TooLarge(maxBodyBytes);

        try
        {
            if (isUrlEncoded)
                return FormReadResult.Read(await ReadUrlEncodedAsync(body, cancellationToken));
            if (isJson)
            {
                // JSON text is UTF-8 (RFC 8259 §8.1); the reader would only notice in GetString(), as an
                // InvalidOperationException.
                if (!Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length)))
                    return BadRequest("The JSON body is not valid UTF-8 text.");
                return ReadJson(body);
            }

            return FormReadResult.Read(await ReadMultipartAsync(body, boundary!, cancellationToken));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException or DecoderFallbackException)
        {
            return BadRequest("The body could not be read: " + e.Message);
        }
        catch (InvalidOperationException) when (isJson)
        {
            // JsonElement.GetString() and JsonProperty.Name throw this for an escaped lone surrogate ("\ud800"),
            // which no UTF-16 text may hold.
            return BadRequest("The JSON body holds a string that is not valid Unicode text (a lone surrogate escape such as \\ud800).");
        }
    }

    private static FormReadResult Unsupported() => FormReadResult.Refused(
        StatusCodes.Status415UnsupportedMediaType,
        "Send application/x-www-form-urlencoded, multipart/form-data or application/json.");

    private static FormReadResult TooLarge(int maxBodyBytes) => FormReadResult.Refused(
        StatusCodes.Status413PayloadTooLarge, $"The body is larger than {maxBodyBytes} bytes.");

    private static FormReadResult BadRequest(string detail) => FormReadResult.Refused(StatusCodes.Status400BadRequest, detail);

    // Gone: the server saw the connection close (RequestAborted), or the transport reset under the read.
    // Kestrel reports a close mid-body as BadHttpRequestException ("Unexpected end of request content") or
    // IOException/OperationCanceledException, depending on when it notices; RequestAborted tells them apart.
    private static bool IsClientGone(Exception e, HttpRequest request) =>
        e is ConnectionResetException
        || (e is (IOException or OperationCanceledException) && request.HttpContext.RequestAborted.IsCancellationRequested);

    private static async Task<MemoryStream?> ReadBoundedAsync(Stream body, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static async Task<List<KeyValuePair<string, string?>>> ReadUrlEncodedAsync(Stream body, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string?>>();
        using var reader = new FormReader(body, _lenientUtf8);
        while (await reader.ReadNextPairAsync(cancellationToken) is { } pair)
            fields.Add(new(pair.Key, pair.Value));
        return fields;
    }

    private static async Task<List<KeyValuePair<string, string?>>> ReadMultipartAsync(Stream body, string boundary, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string?>>();
        var reader = new MultipartReader(boundary, body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (section.GetContentDispositionHeader() is not { } disposition || !disposition.IsFormDisposition())
                continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (name is null)
                continue;
            using var text = new StreamReader(section.Body, _lenientUtf8);
            fields.Add(new(name, await text.ReadToEndAsync(cancellationToken)));
        }

        return fields;
    }

    private static FormReadResult ReadJson(Stream body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            return BadRequest("The JSON body must be an object of field names to values.");

        var fields = new List<KeyValuePair<string, string?>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            string? value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => null,
                _ => throw new JsonException($"Field '{property.Name}' must be a string, number or boolean."),
            };
            if (value is not null)
                fields.Add(new(property.Name, value));
        }

        return FormReadResult.Read(fields);
    }
}
