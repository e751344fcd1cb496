using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;

namespace LeadIntake.Storage.Tables;

/// <summary>Reads the multipart answer of a <c>$batch</c>: one part per action on success, one failing part otherwise.</summary>
/// <remarks>
/// The outer status is 202 even when the changeset failed; the real statuses are inside. Boundaries are read from the
/// <c>Content-Type</c> headers, never assumed. A failing part's <c>odata.error</c> message starts with the 0-based index
/// of the failing action (<c>"1:The specified entity already exists."</c>).
/// </remarks>
internal static partial class TableTransactionResponse
{
    public static IReadOnlyList<TableTransactionPartResponse> Read(Response response)
    {
        if (!response.Headers.ContentType?.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) ?? true)
            throw new RequestFailedException(response.Status, $"The transaction answered '{response.Headers.ContentType}', not multipart/mixed.");
        var parts = new List<TableTransactionPartResponse>();
        ReadMultipart(response.Content.ToString(), response.Headers.ContentType!, parts);
        return parts;
    }

    public static int? FailedIndex(TableTransactionPartResponse part)
    {
        StorageErrorParser.Instance.TryParse(part, out var error, out _);
        var match = error?.Message is { } message ? LeadingIndex().Match(message) : null;
        return match is { Success: true } ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static void ReadMultipart(string body, string contentType, List<TableTransactionPartResponse> parts)
    {
        var boundary = Boundary().Match(contentType) is { Success: true } m
            ? m.Groups[1].Value.Trim('"')
            : throw new RequestFailedException(0, $"No boundary in '{contentType}'.");
        var sections = body.Split("--" + boundary);
        // sections[0] is the preamble; the last one starts with "--" (the closing delimiter).
        foreach (var section in sections.Skip(1).Where(s => !s.StartsWith("--", StringComparison.Ordinal)))
        {
            var (headers, content) = SplitHeaders(section.TrimStart('\r', '\n'));
            var partType = headers.GetValueOrDefault("Content-Type", string.Empty);
            if (partType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
                ReadMultipart(content, partType, parts);
            else if (partType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
                parts.Add(ReadHttp(content));
        }
    }

    private static TableTransactionPartResponse ReadHttp(string content)
    {
        var (statusAndHeaders, body) = SplitAtBlankLine(content);
        var lines = statusAndHeaders.Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        var status = int.Parse(statusLine[1], CultureInfo.InvariantCulture);
        var headers = ParseHeaderLines(lines.Skip(1));
        return new TableTransactionPartResponse(status, statusLine.Length > 2 ? statusLine[2] : string.Empty, headers,
            Encoding.UTF8.GetBytes(body.TrimEnd('\r', '\n')));
    }

    private static (Dictionary<string, string> Headers, string Content) SplitHeaders(string section)
    {
        var (head, content) = SplitAtBlankLine(section);
        return (ParseHeaderLines(head.Split("\r\n")), content);
    }

    private static (string Head, string Remainder) SplitAtBlankLine(string text)
    {
        var blank = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return blank < 0 ? (text, string.Empty) : (text[..blank], text[(blank + 4)..]);
    }

    private static Dictionary<string, string> ParseHeaderLines(IEnumerable<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }

    [GeneratedRegex("boundary=([^;\\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex("^(\\d+):")]
    private static partial Regex LeadingIndex();
}
