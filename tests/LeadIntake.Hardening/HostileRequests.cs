using System.Globalization;
using System.Text;

namespace LeadIntake.Hardening;

/// <summary>One hostile request of the hostile-input scenario, and what is known about it before it is sent.</summary>
/// <param name="Index">Its number in the run (also in its email address, so a stored lead can be traced back to it).</param>
/// <param name="Category">The category it belongs to (a row of the table).</param>
/// <param name="Variant">What exactly it does wrong, for broken-promise sentences.</param>
/// <param name="Email">The address it posts (unique per request), or null when it posts none.</param>
/// <param name="Spam">True when a spam rule catches it if it is readable at all: answered like success, never stored.</param>
public abstract record HostileRequest(int Index, string Category, string Variant, string? Email, bool Spam);

/// <summary>A request sent with <see cref="HttpClient"/>: well framed, hostile in method, headers or content.</summary>
/// <param name="Index">As <see cref="HostileRequest"/>.</param>
/// <param name="Category">As <see cref="HostileRequest"/>.</param>
/// <param name="Variant">As <see cref="HostileRequest"/>.</param>
/// <param name="Email">As <see cref="HostileRequest"/>.</param>
/// <param name="Spam">As <see cref="HostileRequest"/>.</param>
/// <param name="Method">The method, including ones HTTP does not define.</param>
/// <param name="Path">The path and query, relative to the host's base address.</param>
/// <param name="ContentType">The Content-Type header as written (not validated), or null for none.</param>
/// <param name="Body">The body's bytes, or null for none.</param>
/// <param name="Headers">Further request headers, added without validation.</param>
/// <param name="FunctionKey">True to send the function key (<c>x-functions-key</c>).</param>
/// <param name="UnknownLength">True to send the body chunked (no Content-Length).</param>
public sealed record HttpHostile(
    int Index, string Category, string Variant, string? Email, bool Spam,
    string Method, string Path, string? ContentType, byte[]? Body, IReadOnlyList<(string Name, string Value)> Headers,
    bool FunctionKey = false, bool UnknownLength = false)
    : HostileRequest(Index, Category, Variant, Email, Spam);

/// <summary>A request written byte by byte on a socket: framing no HTTP client would send.</summary>
/// <param name="Index">As <see cref="HostileRequest"/>.</param>
/// <param name="Category">As <see cref="HostileRequest"/>.</param>
/// <param name="Variant">As <see cref="HostileRequest"/>.</param>
/// <param name="Email">As <see cref="HostileRequest"/>.</param>
/// <param name="Spam">As <see cref="HostileRequest"/>.</param>
/// <param name="Bytes">Everything written (request line, headers, body).</param>
/// <param name="HalfClose">True to shut the sending side after writing (the server sees the body end early); false to stall.</param>
public sealed record RawHostile(int Index, string Category, string Variant, string? Email, bool Spam, byte[] Bytes, bool HalfClose)
    : HostileRequest(Index, Category, Variant, Email, Spam);

/// <summary>The seeded generator of hostile requests: every category in turn, a random variant of each.</summary>
/// <remarks>
/// Categories (the issue's list): malformed and truncated JSON, lone surrogates, invalid UTF-8, chunked framing errors,
/// lying Content-Length, oversized bodies, broken multipart, header floods, wrong methods and types, huge fields,
/// numerous fields, formula values, script values, and the other routes (activities and sales events with the function
/// key, render tokens). Requests go round-robin over the categories, so a run of N requests has N / 15 of each.
/// Every email is <c>h{index}-{category}@hostile-test.com</c>: unique, so a stored lead names the request it came from.
/// </remarks>
public sealed class HostileRequests(int seed)
{
    /// <summary>The categories, in the table's order.</summary>
    public static IReadOnlyList<string> Categories { get; } =
    [
        "malformed-json", "truncated-json", "lone-surrogate", "invalid-utf8", "chunked-framing", "lying-length", "oversized",
        "broken-multipart", "header-flood", "method-and-type", "huge-fields", "numerous-fields", "formula-values",
        "script-values", "other-routes",
    ];

    private const string Leads = "api/leads";
    private const string Json = "application/json";
    private const string UrlEncoded = "application/x-www-form-urlencoded";
    private static readonly (string, string)[] _noHeaders = [];

    private readonly Random _random = new(seed);

    /// <summary>The first <paramref name="count"/> requests of this seed.</summary>
    public IReadOnlyList<HostileRequest> Generate(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Next(i, Categories[i % Categories.Count]))];

    /// <summary>The address request <paramref name="index"/> of <paramref name="category"/> posts.</summary>
    public static string EmailFor(int index, string category) => $"h{index:D6}-{category}@hostile-test.com";

    private HostileRequest Next(int i, string category) => category switch
    {
        "malformed-json" => MalformedJson(i, category),
        "truncated-json" => TruncatedJson(i, category),
        "lone-surrogate" => LoneSurrogate(i, category),
        "invalid-utf8" => InvalidUtf8(i, category),
        "chunked-framing" => ChunkedFraming(i, category),
        "lying-length" => LyingLength(i, category),
        "oversized" => Oversized(i, category),
        "broken-multipart" => BrokenMultipart(i, category),
        "header-flood" => HeaderFlood(i, category),
        "method-and-type" => MethodAndType(i, category),
        "huge-fields" => HugeFields(i, category),
        "numerous-fields" => NumerousFields(i, category),
        "formula-values" => FormulaValues(i, category),
        "script-values" => ScriptValues(i, category),
        "other-routes" => OtherRoutes(i, category),
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "not a category"),
    };

    private HostileRequest MalformedJson(int i, string c)
    {
        var email = EmailFor(i, c);
        var valid = LeadJson(email);
        var (variant, body) = Pick(
            ("array", $"[{valid}]"),
            ("string", $"\"{email}\""),
            ("number", "42"),
            ("null", "null"),
            ("empty", ""),
            ("whitespace", "  \r\n\t "),
            ("nested-object", $"{{\"email\":\"{email}\",\"company\":{{\"name\":\"Contoso\"}}}}"),
            ("nested-array", $"{{\"email\":\"{email}\",\"tags\":[1,2,3]}}"),
            ("deep", new string('[', 5000) + new string(']', 5000)),
            ("deep-object", $"{{\"email\":\"{email}\",\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2001)),
            ("trailing-comma", $"{{\"email\":\"{email}\",}}"),
            ("comment", $"{{/* hi */\"email\":\"{email}\"}}"),
            ("single-quotes", $"{{'email':'{email}'}}"),
            ("bad-escape", $"{{\"email\":\"{email}\",\"company\":\"A\\xB\"}}"),
            ("control-char", $"{{\"email\":\"{email}\",\"company\":\"A\u0001B\"}}"),
            ("nan", $"{{\"email\":\"{email}\",\"score\":NaN}}"),
            ("two-objects", valid + valid),
            ("unquoted-key", $"{{email:\"{email}\"}}"),
            ("missing-colon", $"{{\"email\" \"{email}\"}}"),
            ("bom", "\uFEFF" + valid),
            ("huge-number", $"{{\"email\":\"{email}\",\"age\":1e99999}}"),
            ("duplicate-keys", $"{{\"email\":\"{email}\",\"email\":\"{email}\"}}"),
            ("mutated", Mutate(valid, valid.IndexOf(email, StringComparison.Ordinal) + email.Length + 1)));
        return Http(i, c, variant, email, "POST", Leads, Json, Encoding.UTF8.GetBytes(body));
    }

    private HostileRequest TruncatedJson(int i, string c)
    {
        var email = EmailFor(i, c);
        var (variant, full) = Pick(
            ("lead", LeadJson(email)),
            ("long-message", LeadJson(email, ("message", Words(_random.Next(50, 600))))),
            ("emoji", LeadJson(email, ("company", "Contoso 🚀🚀🚀"), ("message", string.Concat(Enumerable.Repeat("é🎉", 40))))),
            ("escapes", LeadJson(email, ("company", "A\\\"B\\\\C\\u00e9\\n"))));
        var bytes = Encoding.UTF8.GetBytes(full);
        // Any proper prefix of one JSON object is not JSON (the closing brace is the last byte).
        return Http(i, c, variant, email, "POST", Leads, Json, bytes[.._random.Next(0, bytes.Length)]);
    }

    private HostileRequest LoneSurrogate(int i, string c)
    {
        var email = EmailFor(i, c);
        var (variant, contentType, body) = Pick(
            ("json-high", Json, Utf8($"{{\"email\":\"{email}\",\"firstName\":\"Ada\\ud800\"}}")),
            ("json-low", Json, Utf8($"{{\"email\":\"{email}\",\"company\":\"\\udfffContoso\"}}")),
            ("json-reversed", Json, Utf8($"{{\"email\":\"{email}\",\"message\":\"\\udc00\\ud800\"}}")),
            ("json-key", Json, Utf8($"{{\"email\":\"{email}\",\"\\ud83d\":\"x\"}}")),
            ("json-custom", Json, Utf8($"{{\"email\":\"{email}\",\"note\":\"x\\ud83d\"}}")),
            ("json-email", Json, Utf8($"{{\"email\":\"h{i:D6}\\ud800@hostile-test.com\"}}")),
            ("cesu-bytes-json", Json, [.. Utf8($"{{\"email\":\"{email}\",\"company\":\"A"), 0xED, 0xA0, 0x80, .. Utf8("\"}")]),
            ("cesu-bytes-form", UrlEncoded, [.. Utf8($"email={Uri.EscapeDataString(email)}&company=A"), 0xED, 0xA0, 0x80]),
            ("percent-cesu-form", UrlEncoded, Utf8($"email={Uri.EscapeDataString(email)}&company=A%ED%A0%80B&message=%ED%B0%80")),
            ("percent-key-form", UrlEncoded, Utf8($"email={Uri.EscapeDataString(email)}&%ED%A0%80=x")));
        return Http(i, c, variant, email, "POST", Leads, contentType, body);
    }

    private HostileRequest InvalidUtf8(int i, string c)
    {
        var email = EmailFor(i, c);
        byte[] bad = Pick<byte[]>([0xFF], [0xFE, 0xFF], [0xC0, 0xAF], [0xE2, 0x82], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xF0, 0x9F, 0x98]);
        var (variant, contentType, body) = Pick(
            ("json-value", Json, [.. Utf8($"{{\"email\":\"{email}\",\"company\":\"A"), .. bad, .. Utf8("\"}")]),
            ("json-key", Json, [.. Utf8($"{{\"email\":\"{email}\",\""), .. bad, .. Utf8("\":\"x\"}")]),
            ("json-outside-string", Json, [.. Utf8($"{{\"email\":\"{email}\""), .. bad, .. Utf8("}")]),
            ("json-latin1", Json, [.. Utf8($"{{\"email\":\"{email}\",\"company\":\"M"), 0xFC, .. Utf8("ller GmbH\"}")]),
            ("json-utf16", "application/json; charset=utf-16", Encoding.Unicode.GetBytes(LeadJson(email))),
            ("form-raw-bytes", UrlEncoded, [.. Utf8($"email={Uri.EscapeDataString(email)}&company=A"), .. bad]),
            ("form-percent", UrlEncoded, Utf8($"email={Uri.EscapeDataString(email)}&company=M%FCller&city=%C0%AF")),
            ("form-bad-percent", UrlEncoded, Utf8($"email={Uri.EscapeDataString(email)}&company=100%&x=%zz%")),
            ("multipart-raw-bytes", "multipart/form-data; boundary=XyZ", [.. Utf8($"--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n{email}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"company\"\r\n\r\nA"), .. bad, .. Utf8("\r\n--XyZ--\r\n")]),
            ("multipart-name", "multipart/form-data; boundary=XyZ", [.. Utf8($"--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n{email}\r\n--XyZ\r\nContent-Disposition: form-data; name=\""), .. bad, .. Utf8("\"\r\n\r\nx\r\n--XyZ--\r\n")]));
        return Http(i, c, variant, email, "POST", Leads, contentType, body);
    }

    private HostileRequest ChunkedFraming(int i, string c)
    {
        var email = EmailFor(i, c);
        var json = LeadJson(email);
        var size = Encoding.UTF8.GetByteCount(json).ToString("x", CultureInfo.InvariantCulture);
        const string Head = "POST /api/leads HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n";
        var (variant, head, body, halfClose) = Pick(
            ("overflowing-size", Head, $"FFFFFFFFFFFFFFFFFFFF\r\n{json}\r\n0\r\n\r\n", false),
            ("non-hex-size", Head, $"zz\r\n{json}\r\n0\r\n\r\n", false),
            ("negative-size", Head, $"-{size}\r\n{json}\r\n0\r\n\r\n", false),
            ("size-too-small", Head, $"5\r\n{json}\r\n0\r\n\r\n", false),
            ("size-too-large", Head, $"{Convert.ToString(json.Length + 400, 16)}\r\n{json}\r\n0\r\n\r\n", true),
            ("no-last-chunk", Head, $"{size}\r\n{json}\r\n", true),
            ("no-crlf-after-data", Head, $"{size}\r\n{json}0\r\n\r\n", false),
            ("huge-extension", Head, $"{size};{new string('x', 20_000)}\r\n{json}\r\n0\r\n\r\n", false),
            ("bare-lf", Head, $"{size}\n{json}\n0\n\n", true),
            ("space-in-size", Head, $"{size} 1\r\n{json}\r\n0\r\n\r\n", false),
            ("final-coding-gzip", "POST /api/leads HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked, gzip\r\n", $"{size}\r\n{json}\r\n0\r\n\r\n", false),
            ("with-content-length", Head + "Content-Length: 3\r\n", $"{size}\r\n{json}\r\n0\r\n\r\n", false),
            ("over-32k", Head, string.Concat(Enumerable.Repeat($"1000\r\n{new string(' ', 4096)}\r\n", 9)) + $"{size}\r\n{json}\r\n0\r\n\r\n", false),
            ("one-byte-chunks", Head, string.Concat(json.Select(ch => $"1\r\n{ch}\r\n")) + "0\r\n\r\n", false),
            ("with-trailer", Head, $"{size}\r\n{json}\r\n0\r\nX-Trailer: a\r\n\r\n", false));
        return Raw(i, c, variant, email, head, Utf8(body), halfClose);
    }

    private HostileRequest LyingLength(int i, string c)
    {
        var email = EmailFor(i, c);
        var json = LeadJson(email);
        var length = Encoding.UTF8.GetByteCount(json);
        const string Head = "POST /api/leads HTTP/1.1\r\nContent-Type: application/json\r\n";
        // A few clients stall with the body short and the socket open: the server must still answer or close.
        var (variant, head, body, halfClose) = _random.Next(12) == 0
            ? ("longer-than-body-stall", Head + $"Content-Length: {length + 50}\r\n", json, false)
            : Pick(
                ("longer-than-body", Head + $"Content-Length: {length + _random.Next(1, 5000)}\r\n", json, true),
                ("shorter-cuts-json", Head + $"Content-Length: {_random.Next(1, length - 1)}\r\n", json, false),
                ("shorter-then-garbage", Head + $"Content-Length: {length}\r\n", json + "GARBAGE /x HTTP/1.1\r\n\r\n", false),
                ("shorter-then-smuggled", Head + $"Content-Length: {length}\r\n", json + $"POST /api/leads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n{json}", false),
                ("zero", Head + "Content-Length: 0\r\n", json, false),
                ("not-a-number", Head + "Content-Length: abc\r\n", json, false),
                ("negative", Head + "Content-Length: -1\r\n", json, false),
                ("plus-sign", Head + $"Content-Length: +{length}\r\n", json, false),
                ("two-different", Head + $"Content-Length: {length}\r\nContent-Length: {length + 1}\r\n", json, false),
                ("list", Head + $"Content-Length: {length}, {length}\r\n", json, false),
                ("overflowing", Head + "Content-Length: 99999999999999999999999\r\n", json, true),
                ("over-limit-declared", Head + "Content-Length: 40000\r\n", json, true),
                ("hex", Head + $"Content-Length: 0x{length:x}\r\n", json, false));
        return Raw(i, c, variant, email, head, Utf8(body), halfClose);
    }

    private HostileRequest Oversized(int i, string c)
    {
        var email = EmailFor(i, c);
        var (variant, size, unknownLength) = Pick(
            ("just-over-32k", 32 * 1024 + _random.Next(1, 64), false),
            ("64k", 64 * 1024, false),
            ("256k", 256 * 1024, false),
            ("1m", 1024 * 1024, false),
            ("just-over-32k-unknown-length", 32 * 1024 + _random.Next(1, 64), true),
            ("256k-unknown-length", 256 * 1024, true));
        var filler = Math.Max(0, size - LeadJson(email).Length - 20);
        var body = Utf8(LeadJson(email, ("notes", new string('a', filler))));
        return Http(i, c, variant, email, "POST", Leads, Json, body) with { UnknownLength = unknownLength };
    }

    private HostileRequest BrokenMultipart(int i, string c)
    {
        var email = EmailFor(i, c);
        string Part(string boundary, string name, string value) => $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";
        var good = Part("B0und", "email", email) + Part("B0und", "company", "Contoso");
        var longBoundary = new string('b', _random.Next(71, 5000));
        var (variant, contentType, body) = Pick(
            ("no-boundary", "multipart/form-data", good + "--B0und--\r\n"),
            ("empty-boundary", "multipart/form-data; boundary=", good + "--B0und--\r\n"),
            ("boundary-mismatch", "multipart/form-data; boundary=Other", good + "--B0und--\r\n"),
            ("no-closing-delimiter", "multipart/form-data; boundary=B0und", good),
            ("long-boundary", $"multipart/form-data; boundary={longBoundary}", Part(longBoundary, "email", email) + $"--{longBoundary}--\r\n"),
            ("no-disposition", "multipart/form-data; boundary=B0und", $"--B0und\r\nContent-Type: text/plain\r\n\r\n{email}\r\n--B0und--\r\n"),
            ("header-without-colon", "multipart/form-data; boundary=B0und", $"--B0und\r\nContent-Disposition form-data name=email\r\n\r\n{email}\r\n--B0und--\r\n"),
            ("huge-part-header", "multipart/form-data; boundary=B0und", $"--B0und\r\nContent-Disposition: form-data; name=\"email\"\r\nX-Pad: {new string('p', 20_000)}\r\n\r\n{email}\r\n--B0und--\r\n"),
            ("file-part", "multipart/form-data; boundary=B0und", $"--B0und\r\nContent-Disposition: form-data; name=\"email\"; filename=\"a.txt\"\r\n\r\n{email}\r\n--B0und--\r\n"),
            ("bare-lf", "multipart/form-data; boundary=B0und", good.Replace("\r\n", "\n", StringComparison.Ordinal) + "--B0und--\n"),
            ("boundary-in-value", "multipart/form-data; boundary=B0und", Part("B0und", "email", email) + Part("B0und", "message", "a --B0und b\r\n--B0un c") + "--B0und--\r\n"),
            ("quoted-boundary", "multipart/form-data; boundary=\"a b:c\"", Part("a b:c", "email", email) + "--a b:c--\r\n"),
            ("nested-multipart", "multipart/form-data; boundary=B0und", Part("B0und", "email", email) + $"--B0und\r\nContent-Disposition: form-data; name=\"inner\"\r\nContent-Type: multipart/mixed; boundary=In\r\n\r\n--In\r\n\r\nx\r\n--In--\r\n\r\n--B0und--\r\n"),
            ("garbage-after-end", "multipart/form-data; boundary=B0und", good + "--B0und--\r\n" + new string('z', 2000)),
            ("many-parts", "multipart/form-data; boundary=B0und", Part("B0und", "email", email) + string.Concat(Enumerable.Range(0, 300).Select(n => Part("B0und", $"f{n}", "x"))) + "--B0und--\r\n"),
            ("unterminated-header", "multipart/form-data; boundary=B0und", $"--B0und\r\nContent-Disposition: form-data; name=\"email\""),
            ("empty-body", "multipart/form-data; boundary=B0und", ""));
        return Http(i, c, variant, email, "POST", Leads, contentType, Utf8(body));
    }

    private HostileRequest HeaderFlood(int i, string c)
    {
        var email = EmailFor(i, c);
        var json = LeadJson(email);
        string Lead(string extraHeaders) =>
            $"POST /api/leads HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n{extraHeaders}";
        string Many(int count, Func<int, string> header) => string.Concat(Enumerable.Range(0, count).Select(n => header(n) + "\r\n"));
        var (variant, head) = Pick(
            ("over-100-headers", Lead(Many(_random.Next(101, 3000), n => $"X-Flood-{n}: {n}"))),
            ("95-headers", Lead(Many(95, n => $"X-Flood-{n}: {n}"))),
            ("one-40k-header", Lead($"X-Big: {new string('v', 40_000)}\r\n")),
            ("headers-near-32k", Lead(Many(30, n => $"X-Pad-{n}: {new string('v', 1000)}"))),
            ("long-request-line", $"POST /api/leads?x={new string('q', 10_000)} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n"),
            ("no-colon", Lead("X-Broken header\r\n")),
            ("space-before-colon", Lead("X-Spaced : a\r\n")),
            ("obs-fold", Lead("X-Folded: a\r\n b\r\n")),
            ("nul-in-value", Lead("X-Nul: a\0b\r\n")),
            ("utf8-in-value", Lead("X-Name: Müller 🚀\r\n")),
            ("xff-flood", Lead($"X-Forwarded-For: {string.Join(", ", Enumerable.Range(0, 500).Select(n => $"10.0.{n / 250}.{n % 250}"))}\r\n")),
            ("many-accept", Lead(Many(80, _ => "Accept: application/json"))),
            ("huge-cookie", Lead($"Cookie: {string.Join("; ", Enumerable.Range(0, 600).Select(n => $"c{n}=v{n}"))}\r\n")),
            ("long-idempotency-key", Lead($"Idempotency-Key: {new string('k', 5000)}\r\n")),
            ("http-1.0", $"POST /api/leads HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n"),
            ("bad-version", $"POST /api/leads HTTP/9.9\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n"));
        return Raw(i, c, variant, email, head, Utf8(json), halfClose: false);
    }

    private HostileRequest MethodAndType(int i, string c)
    {
        var email = EmailFor(i, c);
        var json = Utf8(LeadJson(email));
        var (variant, method, path, contentType, body) = Pick<(string, string, string, string?, byte[]?)>(
            ("get", "GET", Leads, null, null),
            ("put", "PUT", Leads, Json, json),
            ("patch", "PATCH", Leads, Json, json),
            ("delete", "DELETE", Leads + $"?email={Uri.EscapeDataString(email)}", null, null),
            ("head", "HEAD", Leads, null, null),
            ("trace", "TRACE", Leads, null, null),
            ("made-up", "BREW", Leads, Json, json),
            ("post-csv-route", "POST", "api/leads.csv", Json, json),
            ("text-plain", "POST", Leads, "text/plain", json),
            ("xml", "POST", Leads, "application/xml", Utf8($"<lead><email>{email}</email></lead>")),
            ("html", "POST", Leads, "text/html", json),
            ("no-type", "POST", Leads, null, json),
            ("bad-type", "POST", Leads, "application/", json),
            ("semicolons", "POST", Leads, ";;;", json),
            ("star", "POST", Leads, "*/*", json),
            ("json-suffix", "POST", Leads, "application/vnd.evil+json", json),
            ("json-as-form", "POST", Leads, UrlEncoded, json),
            ("form-as-json", "POST", Leads, Json, Utf8($"email={Uri.EscapeDataString(email)}")),
            ("multipart-type-json-body", "POST", Leads, "multipart/form-data; boundary=x", json),
            ("unknown-route", "POST", "api/leadz", Json, json),
            ("dot-dot", "POST", "api/leads/../admin/host/status", Json, json),
            ("upper-case-path", "POST", "API/LEADS", Json, json));
        return Http(i, c, variant, email, method, path, contentType, body);
    }

    private HostileRequest HugeFields(int i, string c)
    {
        var email = EmailFor(i, c);
        var (variant, body) = Pick(
            ("first-name-101", LeadJson(email, ("firstName", new string('a', 101)))),
            ("company-201", LeadJson(email, ("company", new string('c', 201)))),
            ("phone-41", LeadJson(email, ("phone", new string('1', 41)))),
            ("message-5001", LeadJson(email, ("message", new string('m', 5001)))),
            ("message-5000", LeadJson(email, ("message", new string('m', 5000)))),
            ("custom-1001", LeadJson(email, ("notes", new string('n', 1001)))),
            ("custom-1000", LeadJson(email, ("notes", new string('n', 1000)))),
            ("custom-name-65", LeadJson(email, (new string('k', 65), "v"))),
            ("email-300", LeadJson($"{new string('e', 300)}{i}@hostile-test.com")),
            ("email-local-65", LeadJson($"{new string('e', 65)}.{i}@hostile-test.com")),
            ("twenty-1000-quotes", LeadJson(email, [.. Enumerable.Range(0, 20).Select(n => ($"q{n}", new string('"', 1000).Replace("\"", "\\\"", StringComparison.Ordinal)))])),
            ("twenty-1000-letters", LeadJson(email, [.. Enumerable.Range(0, 20).Select(n => ($"l{n}", new string('l', 1000)))])),
            ("emoji-500", LeadJson(email, ("notes", string.Concat(Enumerable.Repeat("😀", 500))))),
            ("emoji-501", LeadJson(email, ("notes", string.Concat(Enumerable.Repeat("😀", 501))))),
            ("one-30k-field", LeadJson(email, ("notes", new string('x', 30_000)))),
            ("utm-2000", LeadJson(email, ("utm_source", new string('u', 2000)), ("pageUrl", "https://lp.contoso.com/?utm_campaign=" + new string('p', 3000)))));
        return Http(i, c, variant, email, "POST", Leads, Json, Utf8(body));
    }

    private HostileRequest NumerousFields(int i, string c)
    {
        var email = EmailFor(i, c);
        var form = $"email={Uri.EscapeDataString(email)}";
        string Fields(int count, Func<int, string> pair) => string.Concat(Enumerable.Range(0, count).Select(n => "&" + pair(n)));
        var (variant, contentType, body) = Pick(
            ("20-custom", UrlEncoded, form + Fields(20, n => $"c{n}=v")),
            ("21-custom", UrlEncoded, form + Fields(21, n => $"c{n}=v")),
            ("99-fields", UrlEncoded, form + Fields(98, n => $"company=c{n}")),
            ("101-fields", UrlEncoded, form + Fields(100, n => $"company=c{n}")),
            ("2000-fields", UrlEncoded, form + Fields(2000, n => $"f{n}=1")),
            ("5000-ampersands", UrlEncoded, form + new string('&', 5000)),
            ("1000-empty-names", UrlEncoded, form + Fields(1000, _ => "=x")),
            ("50-emails", UrlEncoded, Fields(50, n => $"email=h{i:D6}-{n}%40other.test").TrimStart('&') + "&" + form),
            ("json-1000-keys", Json, LeadJson(email, [.. Enumerable.Range(0, 1000).Select(n => ($"k{n}", "v"))])),
            ("json-100-known", Json, LeadJson(email, [.. Enumerable.Range(0, 99).Select(n => (n % 2 == 0 ? "company" : "country", $"v{n}"))])),
            ("multipart-150", "multipart/form-data; boundary=Q", $"--Q\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n{email}\r\n" + string.Concat(Enumerable.Range(0, 150).Select(n => $"--Q\r\nContent-Disposition: form-data; name=\"f{n}\"\r\n\r\nx\r\n")) + "--Q--\r\n"));
        return Http(i, c, variant, email, "POST", Leads, contentType, Utf8(body));
    }

    private HostileRequest FormulaValues(int i, string c)
    {
        var email = EmailFor(i, c);
        var formula = Pick("=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(1+1)", "=1+1", "+cmd|' /C notepad'!A0", "-@A1", "=IMPORTXML(\"http://evil.example\",\"//a\")");
        var field = Pick("company", "firstName", "lastName", "jobTitle", "country", "notes", "message");
        var (variant, contentType, body) = Pick(
            ("json", Json, LeadJson(email, (field, formula))),
            ("form", UrlEncoded, $"email={Uri.EscapeDataString(email)}&{field}={Uri.EscapeDataString(formula)}"));
        return Http(i, c, $"{variant}-{field}", email, "POST", Leads, contentType, Utf8(body)) with
        {
            Headers = [("Accept", "application/json")],
            Variant = $"{variant}-{field}:{formula}",
        };
    }

    private HostileRequest ScriptValues(int i, string c)
    {
        var email = EmailFor(i, c);
        var script = Pick("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "javascript:alert(document.cookie)", "<a href=\"http://evil.example\">win</a>", "{{constructor.constructor('alert(1)')()}}", "'; DROP TABLE Leads; --");
        var field = Pick("company", "message", "jobTitle", "notes", "firstName", "lastName");
        // A name with HTML or a link is spam (link-in-name): answered like success, never stored.
        var spam = field is "firstName" or "lastName" && Domain.Forms.SpamCheck.HasLinkOrMarkup(script);
        var form = $"email={Uri.EscapeDataString(email)}&{field}={Uri.EscapeDataString(script)}";
        var (variant, contentType, body, headers, isSpam) = Pick<(string, string, string, (string, string)[], bool)>(
            ("json", Json, LeadJson(email, (field, script)), _noHeaders, spam),
            ("browser-post", UrlEncoded, form, [("Accept", "text/html")], spam),
            ("redirect-javascript", UrlEncoded, form + "&_redirect=" + Uri.EscapeDataString("javascript:alert(1)"), [("Accept", "text/html")], spam),
            ("redirect-elsewhere", UrlEncoded, form + "&_redirect=" + Uri.EscapeDataString("//evil.example/phish"), [("Accept", "text/html")], spam),
            ("page-url-javascript", UrlEncoded, form + "&pageUrl=" + Uri.EscapeDataString("javascript:alert(1)"), [("Accept", "text/html")], spam),
            ("invalid-echoed", UrlEncoded, $"email={Uri.EscapeDataString(script)}&{field}={Uri.EscapeDataString(script)}", [("Accept", "text/html")], spam),
            ("honeypot", UrlEncoded, form + "&" + Pick("_hp", "_gotcha", "hp_email", "website") + "=" + Uri.EscapeDataString(script), [("Accept", "application/json")], true),
            ("foreign-origin", UrlEncoded, form, [("Origin", "https://evil.example"), ("Accept", "application/json")], spam));
        return Http(i, c, $"{variant}-{field}:{script}", email, "POST", Leads, contentType, Utf8(body)) with { Headers = headers, Spam = isSpam };
    }

    private HostileRequest OtherRoutes(int i, string c)
    {
        var email = EmailFor(i, c);
        var leadPath = Pick(Uri.EscapeDataString(email), "ld_" + new string('z', 26), "ld_" + new string('z', 2000), "%00", "..%2F..%2Fadmin", Uri.EscapeDataString("<script>"), "%F0%9F%98%80", "%ED%A0%80", Uri.EscapeDataString(new string('a', 300) + "@x.com"));
        var formPath = Pick("demo", new string('f', 3000), Uri.EscapeDataString("<script>alert(1)</script>"), "%2F%2F", "%ED%A0%80", "%FF", Uri.EscapeDataString("=cmd|'/C calc'!A0"), "a%00b");
        var activity = Pick(
            $"{{\"id\":\"e{i}\",\"email\":\"{email}\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\"}}",
            $"{{\"id\":\"e{i}\",\"email\":\"{email}\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\",\"properties\":{{\"a\":\"\\ud800\"}}}}",
            $"{{\"id\":\"\\ud800\",\"email\":\"{email}\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\"}}",
            $"{{\"id\":\"e{i}\",\"email\":\"\\udfff{email}\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\"}}",
            $"{{\"id\":\"e{i}\",\"email\":\"{email}\",\"type\":\"\\ud800\",\"at\":\"\\ud800\"}}",
            "[" + string.Join(",", Enumerable.Repeat($"{{\"id\":\"e{i}\",\"email\":\"{email}\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\"}}", 101)) + "]",
            "[]",
            new string('[', 100) + new string(']', 100),
            $"{{\"id\":\"e{i}\",\"email\":\"{email}\",\"type\":\"email_open\",\"at\":\"2026-12-01T09:00:00Z\",\"properties\":{{\"a\":{{\"b\":1}}}}}}",
            $"{{\"id\":{new string('9', 5000)},\"email\":\"{email}\",\"type\":\"email_open\",\"at\":\"9999-99-99T99:99:99Z\"}}",
            $"{{\"\\ud800\":1}}",
            "{\"id\":\"e\"");
        var salesEvent = Pick(
            $"{{\"id\":\"s{i}\",\"type\":\"contact_attempt\",\"actor\":\"crm\"}}",
            $"{{\"id\":\"s{i}\",\"type\":\"lost\",\"actor\":\"crm\",\"reason\":\"\\ud800\"}}",
            $"{{\"id\":\"\\udfff\",\"type\":\"won\",\"actor\":\"crm\",\"amount\":-1e400}}",
            $"{{\"id\":\"s{i}\",\"type\":\"won\",\"actor\":\"=cmd|'/C calc'!A0\",\"amount\":\"lots\",\"note\":\"<script>alert(1)</script>\"}}",
            $"{{\"id\":\"s{i}\",\"type\":\"contact_attempt\",\"actor\":\"crm\",\"note\":\"{new string('n', 20_000)}\"}}",
            "[1,2,3]",
            "{\"id\":");
        byte[] WithBadUtf8(string json) => _random.Next(6) == 0 ? [.. Utf8(json[..^1]), 0xFF, .. Utf8("}")] : Utf8(json);
        var (variant, method, path, contentType, body, key) = Pick<(string, string, string, string?, byte[]?, bool)>(
            ("activities", "POST", "api/activities", Json, WithBadUtf8(activity), true),
            ("activities-no-key", "POST", "api/activities", Json, Utf8(activity), false),
            ("activities-form-type", "POST", "api/activities", UrlEncoded, Utf8(activity), true),
            ("sales-events", "POST", $"api/leads/{leadPath}/sales-events", Json, WithBadUtf8(salesEvent), true),
            ("sales-events-no-key", "POST", $"api/leads/{leadPath}/sales-events", Json, Utf8(salesEvent), false),
            ("form-token", "GET", $"api/forms/{formPath}/token", null, null, false),
            ("form-token-renew", "GET", $"api/forms/{formPath}/token?renew={Uri.EscapeDataString(Pick("v1.1.2.3.4", "v1." + new string('9', 400), "%ED%A0%80", "<script>", ""))}", null, null, false),
            ("preflight", "OPTIONS", $"api/leads?form={formPath}", null, null, false),
            ("leads-csv-hostile-query", "GET", $"api/leads.csv?stage={Uri.EscapeDataString(Pick("<script>", "%ED", "MQL'--", new string('s', 3000)))}&from=2026-99-99&to=x", null, null, true));
        var headers = variant == "preflight"
            ? new[] { ("Origin", Pick("https://evil.example", "null", "javascript:alert(1)", new string('o', 5000))), ("Access-Control-Request-Method", "POST") }
            : _noHeaders;
        return new HttpHostile(i, c, variant, null, false, method, path, contentType, body, headers, key);
    }

    private static string LeadJson(string email, params (string Name, string Value)[] fields) =>
        "{" + string.Join(",", new[] { ("email", email), ("firstName", "Ada"), ("company", "Contoso") }
            .Where(pair => fields.All(field => field.Name != pair.Item1))
            .Concat(fields)
            .Select(pair => $"\"{pair.Item1}\":\"{JsonText(pair.Item2)}\"")) + "}";

    // Escapes a value for a JSON string, leaving escapes that are already written (\" \\ \u… from the caller) alone.
    private static string JsonText(string value) =>
        value.Contains("\\", StringComparison.Ordinal) ? value : System.Text.Json.JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    private string Words(int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Pick("lead", "demo", "pricing", "Grüße", "naïve", "東京", "🚀", "quote\\\"d")));

    // One random byte inserted, deleted or replaced at or after position from (so the email stays as generated).
    private string Mutate(string text, int from)
    {
        var at = _random.Next(Math.Min(from, text.Length - 1), text.Length);
        var junk = Pick('{', '}', '[', ']', ',', ':', '"', '\\', 'x', '0', ' ', '\u0000');
        return _random.Next(3) switch
        {
            0 => text.Insert(at, junk.ToString()),
            1 => text.Remove(at, 1),
            _ => text.Remove(at, 1).Insert(at, junk.ToString()),
        };
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static HttpHostile Http(int i, string c, string variant, string? email, string method, string path, string? contentType, byte[]? body) =>
        new(i, c, variant, email, false, method, path, contentType, body, _noHeaders);

    private static RawHostile Raw(int i, string c, string variant, string? email, string head, byte[] body, bool halfClose) =>
        new(i, c, variant, email, false, [.. Utf8(head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n"), .. body], halfClose);
}
