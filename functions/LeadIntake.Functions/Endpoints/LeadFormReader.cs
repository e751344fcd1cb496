using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Reads a lead request body (form-urlencoded, multipart/form-data or a flat JSON object) into ordered fields.</summary>
/// <remarks>
/// The body is read into memory up to the size limit, counting the bytes actually received (a missing or false
/// <c>Content-Length</c> cannot get past it). Multipart file parts are skipped: a lead form carries no files.
/// JSON values may be strings, numbers or booleans; nested objects and arrays are refused.
/// </remarks>
public static class LeadFormReader
{
    /// <summary>Reads the body of <paramref name="request"/>, refusing bodies above <paramref name="maxBodyBytes"/>.</summary>
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

        var body = await ReadBoundedAsync(request.Body, maxBodyBytes, cancellationToken);
        if (body is null)
            return TooLarge(maxBodyBytes);

        try
        {
            if (isUrlEncoded)
                return FormReadResult.Read(await ReadUrlEncodedAsync(body, cancellationToken));
            if (isJson)
                return ReadJson(body);

            var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
            if (string.IsNullOrWhiteSpace(boundary))
                return FormReadResult.Refused(StatusCodes.Status400BadRequest, "The multipart body has no boundary.");
            return FormReadResult.Read(await ReadMultipartAsync(body, boundary, cancellationToken));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException or DecoderFallbackException)
        {
            return FormReadResult.Refused(StatusCodes.Status400BadRequest, "The body could not be read: " + e.Message);
        }
    }

    private static FormReadResult Unsupported() => FormReadResult.Refused(
        StatusCodes.Status415UnsupportedMediaType,
        "Send application/x-www-form-urlencoded, multipart/form-data or application/json.");

    private static FormReadResult TooLarge(int maxBodyBytes) => FormReadResult.Refused(
        StatusCodes.Status413PayloadTooLarge, $"The body is larger than {maxBodyBytes} bytes.");

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
        using var reader = new FormReader(body, Encoding.UTF8);
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
            using var text = new StreamReader(section.Body, Encoding.UTF8);
            fields.Add(new(name, await text.ReadToEndAsync(cancellationToken)));
        }

        return fields;
    }

    private static FormReadResult ReadJson(Stream body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            return FormReadResult.Refused(StatusCodes.Status400BadRequest, "The JSON body must be an object of field names to values.");

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
