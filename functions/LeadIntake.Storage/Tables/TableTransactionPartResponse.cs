using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace LeadIntake.Storage.Tables;

/// <summary>The response to one action of a transaction, cut out of the multipart <c>$batch</c> answer.</summary>
internal sealed class TableTransactionPartResponse(int status, string reasonPhrase, IReadOnlyDictionary<string, string> headers, byte[] body)
    : Response
{
    public override int Status => status;

    public override string ReasonPhrase => reasonPhrase;

    public override Stream? ContentStream { get; set; } = new MemoryStream(body, writable: false);

    public override string ClientRequestId { get; set; } = string.Empty;

    public override bool IsError => status >= 400;

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }

    protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(pair => new HttpHeader(pair.Key, pair.Value));
}
