using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Reads the JSON body of an API request (activities, sales events) within a size limit.</summary>
/// <remarks>
/// Never throws for what a client sends: 415 for a media type other than JSON, 413 over the limit (counting bytes as
/// received), 400 for malformed JSON — each a problem+json answer. Cancellation of <c>cancellationToken</c> still throws.
/// </remarks>
public static class JsonApiBody
{
    /// <summary>The parsed body, or the 4xx answer to give instead.</summary>
    public static async Task<(JsonDocument? Body, IResult? Refusal)> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || contentType.MediaType.Value is not { } mediaType
            || !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            return (null, Results.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));
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

        try
        {
            return (JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 8 }), null);
        }
        catch (JsonException)
        {
            return (null, Results.Problem("The body is not valid JSON.", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static IResult TooLarge(int maxBodyBytes) =>
        Results.Problem($"The body is larger than {maxBodyBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
