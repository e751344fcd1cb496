using System.Net;
using System.Net.Http.Headers;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Request content that does not announce its length, so it is sent chunked and only the streamed count can stop it.</summary>
public sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _body;

    /// <summary>Creates content of <paramref name="body"/> with <paramref name="mediaType"/>.</summary>
    public UnknownLengthContent(byte[] body, string mediaType)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _body.Length; offset += 4096)
            await stream.WriteAsync(_body.AsMemory(offset, Math.Min(4096, _body.Length - offset)));
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
