using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// The app for the security checks: the whole pipeline with the worker's own code logging at Debug (everything it
/// writes at Information and above, and more), and beside it a second host of the same app on storage nobody listens
/// on, so the storage-failure paths (503 and the worker's storage logs) are scanned too.
/// </summary>
public sealed class SecurityAppFixture : FunctionAppFixture
{
    /// <summary>The distinctive caller address every request of the batch claims in <c>X-Forwarded-For</c> (TEST-NET-3).</summary>
    public const string ClientAddress = "203.0.113.77";

    private LocalFunctionsHost? _storageDown;

    /// <summary>The same app on unreachable storage.</summary>
    public LocalFunctionsHost StorageDown => _storageDown ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Logging settings of both hosts: Information for everything, Debug for the app's own categories.</summary>
    public static IEnumerable<KeyValuePair<string, string>> LoggingSettings =>
    [
        new("Logging__LogLevel__Default", "Information"),
        new("Logging__LogLevel__LeadIntake", "Debug"),
    ];

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        // One after the other: on a busy machine a worker starting beside Azurite can hold it past its start timeout.
        await base.InitializeAsync();
        _storageDown = await LocalFunctionsHost.StartAsync(AppOutput, new Dictionary<string, string>(LoggingSettings)
        {
            [StorageNames.Connection] = AzuriteFixture.CreateUnreachableConnectionString(),
            [$"{LeadCaptureOptions.SectionName}__IdentitySecret"] = IdentitySecret,
            // Every second, so timer runs that cannot reach storage are always in the scanned output.
            [FunctionNames.SlaCheckScheduleSetting] = "* * * * * *",
            [FunctionNames.FunnelRebuildScheduleSetting] = "* * * * * *",
        });
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        if (_storageDown is not null)
            await _storageDown.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => LoggingSettings;
}

/// <summary>
/// The issue's security checks, through the real worker under the local host: keys on every non-anonymous function (read
/// from the built <c>functions.metadata</c>), the headers and Content-Security-Policy of every HTML page, no identity
/// secret, raw IP or stack trace in any response or log line of a mixed batch, and no start without a strong secret.
/// </summary>
public sealed partial class SecurityTests(SecurityAppFixture fixture) : IClassFixture<SecurityAppFixture>
{
    private const string WrongKey = "0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private LocalFunctionsHost Host => fixture.Host;

    /// <summary>Every HTTP function whose auth level is not anonymous, as the worker SDK wrote it: name, method, route, level.</summary>
    public static TheoryData<string, string, string, string> KeyedFunctions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionAppFixture.AppOutput, "functions.metadata")));
        var data = new TheoryData<string, string, string, string>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("type").GetString() != "httpTrigger")
                    continue;
                var level = binding.GetProperty("authLevel").GetString()!;
                if (level.Equals("Anonymous", StringComparison.OrdinalIgnoreCase))
                    continue;
                foreach (var method in binding.GetProperty("methods").EnumerateArray())
                    data.Add(function.GetProperty("name").GetString()!, method.GetString()!.ToUpperInvariant(), binding.GetProperty("route").GetString()!, level);
            }
        }

        return data;
    }

    [Fact]
    public void KeyedFunctions_FromMetadata_IncludeFunctionAndAdminLevels()
    {
        // Guards the theories below: a metadata change that made every function anonymous would leave them nothing to check.
        var levels = KeyedFunctions().Select(row => (string)row[3]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["Admin", "Function"], levels);
    }

    [Theory]
    [MemberData(nameof(KeyedFunctions))]
    public async Task KeyedFunction_NoKeyOrAWrongOne_401(string name, string method, string route, string level)
    {
        var path = "api/" + Fill(route);
        var attempts = new List<(string What, HttpRequestMessage Request)>
        {
            ("no key", new HttpRequestMessage(new HttpMethod(method), path)),
            ("a wrong x-functions-key", WithHeaderKey(new HttpRequestMessage(new HttpMethod(method), path), WrongKey)),
            ("a wrong ?code=", new HttpRequestMessage(new HttpMethod(method), $"{path}?code={WrongKey}")),
            ("an empty x-functions-key", WithHeaderKey(new HttpRequestMessage(new HttpMethod(method), path), "")),
        };
        if (level == "Admin")
            attempts.Add(("the function key", WithHeaderKey(new HttpRequestMessage(new HttpMethod(method), path), Host.FunctionKey)));

        foreach (var (what, request) in attempts)
        {
            using var response = await Host.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} ({method} /{path}) with {what}: {(int)response.StatusCode} {body}");
            Assert.Equal("", body);
        }

        // The control: the right key reaches the function (one more "Executed" line of it), so the 401s were the key's doing.
        var executed = $"Executed 'Functions.{name}'";
        var before = Regex.Count(Host.Output, Regex.Escape(executed));
        var key = level == "Admin" ? Host.MasterKey : Host.FunctionKey;
        using var keyed = await Host.Client.SendAsync(WithHeaderKey(new HttpRequestMessage(new HttpMethod(method), path), key));
        Assert.NotEqual(HttpStatusCode.Unauthorized, keyed.StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(Regex.Count(Host.Output, Regex.Escape(executed)) > before ? "" : null), s_timeout, executed);
    }

    /// <summary>Every kind of HTML answer the app gives (Endpoints: every <c>HtmlPage</c>).</summary>
    public static TheoryData<string> HtmlPageKinds() => ["demo", "thank-you", "form-error-400", "form-error-403", "dashboard"];

    [Theory]
    [MemberData(nameof(HtmlPageKinds))]
    public async Task HtmlPage_EveryKind_NosniffNoStoreAndARestrictiveCsp(string kind)
    {
        var (expectedStatus, request) = HtmlRequest(kind);

        using var response = await Host.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == expectedStatus, $"{kind}: {(int)response.StatusCode} {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertSecureHtml(kind, response, html);
    }

    [Fact]
    public async Task HtmlPage_TwoResponses_EachItsOwnNonce()
    {
        using var first = await Host.Client.SendAsync(HtmlRequest("thank-you").Request);
        using var second = await Host.Client.SendAsync(HtmlRequest("thank-you").Request);

        Assert.NotEqual(Nonce(Csp(first)), Nonce(Csp(second)));
    }

    [Theory]
    [InlineData("leads.csv")]
    [InlineData("kpis.csv")]
    public async Task CsvExport_WithKey_NeverCached(string route)
    {
        using var response = await Host.Client.SendAsync(WithHeaderKey(new HttpRequestMessage(HttpMethod.Get, "api/" + route), Host.FunctionKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task MixedBatch_EveryResponseAndLogLine_NoSecretNoRawIpNoStackTrace()
    {
        var transcript = new StringBuilder();
        var htmlKinds = new HashSet<string>(StringComparer.Ordinal);
        async Task<HttpResponseMessage> Send(LocalFunctionsHost host, HttpRequestMessage request)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", SecurityAppFixture.ClientAddress);
            request.Headers.UserAgent.ParseAdd("SecurityTests/1.0");
            var response = await host.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            // The answer only: the request's own URL may hold a key (?code=) or an email on purpose.
            transcript.Append(request.Method).Append(' ').Append(request.RequestUri!.AbsolutePath).Append(" -> ").Append((int)response.StatusCode).AppendLine()
                .AppendLine(response.Headers.ToString()).AppendLine(response.Content.Headers.ToString()).AppendLine(body);
            Assert.True((int)response.StatusCode < 500 || host == fixture.StorageDown, $"{request.Method} {request.RequestUri.AbsolutePath}: {(int)response.StatusCode} {body}");
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                AssertSecureHtml($"{request.Method} {request.RequestUri.AbsolutePath}", response, body);
                htmlKinds.Add($"{request.RequestUri.AbsolutePath} {(int)response.StatusCode}");
            }

            return response;
        }

        Task<HttpResponseMessage> Json(string method, string path, object? body, string? key = null, LocalFunctionsHost? host = null)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Accept.ParseAdd("application/json");
            return Send(host ?? Host, key is null ? request : WithHeaderKey(request, key));
        }

        async Task Expect(HttpStatusCode expected, Task<HttpResponseMessage> sent)
        {
            using var response = await sent;
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Task<HttpResponseMessage> Raw(string path, string body, string contentType) =>
            Send(Host, new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) });

        var email = FunctionAppFixture.UniqueEmail("security");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        // Capture: valid JSON, a browser post (303), spam (honeypot, answered like success), invalid and malformed input.
        await Expect(HttpStatusCode.Accepted, Json("POST", "api/leads", new { email, firstName = "Ada", company = "Contoso Labs", jobTitle = "CEO", contact_requested = "true", consent_marketing = "true" }));
        // The client follows the 303 to the built-in thank-you page.
        var browser = await Send(Host, BrowserPost([new("email", FunctionAppFixture.UniqueEmail("browser")), new("first_name", "Grace")]));
        Assert.Equal((HttpStatusCode.OK, "/api/thanks"), (browser.StatusCode, browser.RequestMessage!.RequestUri!.AbsolutePath));
        await Expect(HttpStatusCode.Accepted, Json("POST", "api/leads", new Dictionary<string, string> { ["email"] = FunctionAppFixture.UniqueEmail("spam"), [SpamCheck.HoneypotField] = "http://spam.example" }));
        await Expect(HttpStatusCode.BadRequest, Json("POST", "api/leads", new { email = "not-an-address", phone = "call me" }));
        await Expect(HttpStatusCode.BadRequest, Raw("api/leads", "{\"email\": \"trunc", "application/json"));
        await Expect(HttpStatusCode.BadRequest, Raw("api/leads", "{\"email\": \"\\ud800@example.com\"}", "application/json"));
        await Expect(HttpStatusCode.BadRequest, Send(Host, BrowserPost([new("email", "broken")])));
        var crossOrigin = BrowserPost([new("email", FunctionAppFixture.UniqueEmail())]);
        crossOrigin.Headers.Add("Origin", "https://evil.example.net");
        await Expect(HttpStatusCode.Forbidden, Send(Host, crossOrigin));
        // Pages, token, snippet, preflight, an unknown route and a wrong method.
        await Send(Host, HtmlRequest("demo").Request);
        await Send(Host, HtmlRequest("thank-you").Request);
        await Send(Host, HtmlRequest("dashboard").Request);
        await Json("GET", "api/forms/demo/token", null);
        await Json("GET", "api/snippet.js", null);
        await Json("OPTIONS", "api/leads", null);
        await Expect(HttpStatusCode.NotFound, Json("GET", "api/no-such-route", null));
        await Expect(HttpStatusCode.MethodNotAllowed, Json("PUT", "api/leads", new { email }));

        // The lead is processed (enrichment, scoring, the SQL fast track, a hand-off): those logs are scanned too.
        await Eventually.GetAsync(() => fixture.LeadAsync(leadId), s_timeout, "the lead");
        await Expect(HttpStatusCode.Accepted, Json("POST", "api/activities", new { id = $"ev-{Guid.NewGuid():N}", email, type = "email_open", at = DateTimeOffset.UtcNow }, Host.FunctionKey));
        await Expect(HttpStatusCode.BadRequest, Json("POST", "api/activities", new { id = "", type = "no-such-type" }, Host.FunctionKey));
        await Expect(HttpStatusCode.OK, Json("POST", $"api/leads/{Uri.EscapeDataString(email)}/sales-events", new { id = $"se-{Guid.NewGuid():N}", type = "contact_attempt", actor = "ada@sales" }, Host.FunctionKey));
        await Expect(HttpStatusCode.BadRequest, Json("POST", $"api/leads/{leadId}/sales-events", new { type = "no-such-event" }, Host.FunctionKey));
        await Expect(HttpStatusCode.BadRequest, Json("POST", "api/spend", new { month = "not-a-month" }, Host.FunctionKey));
        await Expect(HttpStatusCode.OK, Json("GET", "api/kpis", null, Host.FunctionKey));
        await Expect(HttpStatusCode.BadRequest, Json("GET", "api/kpis?groupBy=nonsense", null, Host.FunctionKey));
        await Expect(HttpStatusCode.OK, Json("GET", "api/kpis/plan?revenueGoal=1000000&marketingShare=0.5&averageDealSize=10000&leadToMql=0.2&mqlToSql=0.3&sqlToWon=0.25", null, Host.FunctionKey));
        await Expect(HttpStatusCode.OK, Json("GET", "api/kpis.csv", null, Host.FunctionKey));
        await Expect(HttpStatusCode.OK, Json("GET", "api/leads.csv", null, Host.FunctionKey));
        await Expect(HttpStatusCode.OK, Json("GET", $"api/leads/export?email={Uri.EscapeDataString(email)}", null, Host.MasterKey));
        await Expect(HttpStatusCode.OK, Json("DELETE", $"api/leads?email={Uri.EscapeDataString(email)}", null, Host.MasterKey));
        await Expect(HttpStatusCode.BadRequest, Json("DELETE", "api/leads?email=nobody", null, Host.MasterKey));
        // Storage down: capture and the personal-data functions answer 503, and the worker logs its storage failures.
        await fixture.StorageDown.WaitForOutputAsync("Storage not reachable yet", s_timeout);
        await Expect(HttpStatusCode.ServiceUnavailable, Json("POST", "api/leads", new { email = FunctionAppFixture.UniqueEmail("down") }, host: fixture.StorageDown));
        await Expect(HttpStatusCode.ServiceUnavailable, Json("GET", $"api/leads/export?email={Uri.EscapeDataString(email)}", null, fixture.StorageDown.MasterKey, fixture.StorageDown));
        await Expect(HttpStatusCode.ServiceUnavailable, Json("GET", "api/kpis", null, fixture.StorageDown.FunctionKey, fixture.StorageDown));
        // Let the queued activity, the hand-off and a funnel rebuild run, so their logs are in the output.
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Every HTML answer the batch got passed AssertSecureHtml; these are all the kinds there are.
        Assert.Equal(["/api/dashboard 200", "/api/demo 200", "/api/leads 400", "/api/leads 403", "/api/thanks 200"], htmlKinds.Order(StringComparer.Ordinal));
        // The scan below reads the worker's own lines: the Debug line of the spam post and the 503 middleware's error are there.
        Assert.Contains("answered like success and not queued", Host.Output, StringComparison.Ordinal);
        Assert.Contains("Storage failed during CaptureLead", fixture.StorageDown.Output, StringComparison.Ordinal);
        await fixture.StorageDown.WaitForOutputAsync($"Storage failed during {FunctionNames.SlaCheck} (storage ", s_timeout);
        await fixture.StorageDown.WaitForOutputAsync($"Storage failed during {FunctionNames.RebuildFunnel} (storage ", s_timeout);
        var outputs = new[] { ("responses", transcript.ToString()), ("the host's output", Host.Output), ("the storage-down host's output", fixture.StorageDown.Output) };
        var found = new List<string>();
        foreach (var (where, text) in outputs)
        {
            var lines = text.Split('\n');
            foreach (var (what, needle) in Forbidden().Concat(s_stackTraceMarkers.Select(marker => ("a stack trace", marker))))
            {
                found.AddRange(lines.Where(line => line.Contains(needle, StringComparison.Ordinal))
                    .Select(line => $"{what} in {where}: {(line.Length > 400 ? line[..400] + "…" : line)}"));
            }
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found.Distinct().Take(30)));
    }

    [Fact]
    public async Task Start_NoSecretOrOneShorterThan32Bytes_TheWorkerRefusesToStart()
    {
        // 31 bytes of text: one short of LeadCaptureOptions.MinimumSecretBytes.
        const string shortSecret = "short-secret-of-31-bytes-012345";
        Assert.Equal(31, Encoding.UTF8.GetByteCount(shortSecret));

        var starts = new[] { "", shortSecret }.Select(async secret =>
        {
            var error = await Assert.ThrowsAsync<TimeoutException>(() => LocalFunctionsHost.StartAsync(FunctionAppFixture.AppOutput, new Dictionary<string, string>
            {
                [StorageNames.Connection] = AzuriteFixture.CreateUnreachableConnectionString(),
                [$"{LeadCaptureOptions.SectionName}__IdentitySecret"] = secret,
            }, readyTimeout: TimeSpan.FromSeconds(60)));   // never Running: the whole timeout, long enough for a busy machine
            return (Secret: secret, Output: error.Message);
        }).ToList();

        foreach (var (secret, output) in await Task.WhenAll(starts))
        {
            // The host never became Running (the timeout): the worker exited at start-up (ValidateOnStart), naming the setting.
            Assert.Contains("Worker failed to start", output, StringComparison.Ordinal);
            Assert.Contains(
                secret.Length == 0 ? "LeadCaptureOptions:IdentitySecret is required" : "LeadCaptureOptions:IdentitySecret must hold at least 32 bytes",
                output, StringComparison.Ordinal);
            if (secret.Length > 0)
                Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }

    // "   at Namespace.Type.Method(…)" frames and the async boundary line of a .NET stack trace.
    private static readonly string[] s_stackTraceMarkers = ["   at ", "--- End of"];

    // The identity secret as configured, as its bytes in base64 (standard and URL-safe) and hex, the raw caller address, the keys.
    private IEnumerable<(string What, string Needle)> Forbidden()
    {
        var bytes = new LeadCaptureOptions { IdentitySecret = FunctionAppFixture.IdentitySecret }.GetIdentitySecretBytes();
        var base64 = Convert.ToBase64String(bytes);
        return
        [
            ("the identity secret", FunctionAppFixture.IdentitySecret),
            ("the identity secret in base64", base64),
            ("the identity secret in URL-safe base64", base64.TrimEnd('=').Replace('+', '-').Replace('/', '_')),
            ("the identity secret in hex", Convert.ToHexString(bytes)),
            ("the identity secret in lower-case hex", Convert.ToHexStringLower(bytes)),
            ("the raw client address", SecurityAppFixture.ClientAddress),
            ("the function key", Host.FunctionKey),
            ("the master key", Host.MasterKey),
        ];
    }

    private (HttpStatusCode Status, HttpRequestMessage Request) HtmlRequest(string kind)
    {
        switch (kind)
        {
            case "demo":
                return (HttpStatusCode.OK, new HttpRequestMessage(HttpMethod.Get, "api/demo?utm_source=security"));
            case "thank-you":
                return (HttpStatusCode.OK, new HttpRequestMessage(HttpMethod.Get, "api/thanks?form=demo&back=%2Fapi%2Fdemo"));
            case "form-error-400":
                return (HttpStatusCode.BadRequest, BrowserPost([new("email", "not-an-address"), new("pageUrl", "/api/demo")]));
            case "form-error-403":
                var request = BrowserPost([new("email", FunctionAppFixture.UniqueEmail())]);
                request.Headers.Add("Origin", "https://evil.example.net");
                return (HttpStatusCode.Forbidden, request);
            case "dashboard":
                return (HttpStatusCode.OK, new HttpRequestMessage(HttpMethod.Get, $"api/dashboard?code={Uri.EscapeDataString(Host.FunctionKey)}"));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an HTML page kind");
        }
    }

    // What a browser's own form post sends: a form body, asking for HTML (Host.Client follows its 303).
    private static HttpRequestMessage BrowserPost(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/leads") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        return request;
    }

    /// <summary>The headers every HTML answer must carry, and a CSP that allows nothing but the page's own nonce and this app.</summary>
    private static void AssertSecureHtml(string what, HttpResponseMessage response, string html)
    {
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.SequenceEqual(["nosniff"]), $"{what}: X-Content-Type-Options");
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && Assert.Single(referrer) is "no-referrer" or "same-origin", $"{what}: Referrer-Policy");
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control {response.Headers.CacheControl}");
        var csp = Csp(response);
        var directives = Directives(csp);
        string[] Sources(string directive) => directives.TryGetValue(directive, out var sources) ? sources : directives["default-src"];

        Assert.True(directives.TryGetValue("default-src", out var defaults) && defaults is ["'none'"] or ["'self'"], $"{what}: default-src in {csp}");
        var nonce = Nonce(csp);
        foreach (var directive in new[] { "script-src", "style-src" })
        {
            // 'self', 'none' or this response's nonce: no 'unsafe-inline', 'unsafe-eval', hosts, schemes or wildcards.
            Assert.All(Sources(directive), source => Assert.True(source is "'self'" or "'none'" || source == $"'nonce-{nonce}'", $"{what}: {directive} {source} in {csp}"));
        }

        Assert.True(defaults is ["'none'"] || Sources("object-src") is ["'none'"], $"{what}: object-src in {csp}");
        Assert.True(directives.TryGetValue("base-uri", out var baseUri) && baseUri is ["'none'"] or ["'self'"], $"{what}: base-uri in {csp}");
        Assert.True(directives.TryGetValue("frame-ancestors", out var ancestors) && ancestors is ["'none'"], $"{what}: frame-ancestors in {csp}");
        // form-action does not fall back to default-src: every page names it; 'none', or 'self' and origins, never a wildcard or scheme.
        Assert.True(directives.TryGetValue("form-action", out var formAction), $"{what}: no form-action in {csp}");
        Assert.True(formAction is ["'none'"] || formAction.All(source => source == "'self'" || OriginSource().IsMatch(source)), $"{what}: form-action in {csp}");
        foreach (Match form in FormPost().Matches(html))
        {
            var action = form.Groups[1].Value;
            Assert.True(action.StartsWith('/') ? formAction.Contains("'self'") : formAction.Contains(new Uri(action).GetLeftPart(UriPartial.Authority)), $"{what}: the form posts to {action}, outside form-action in {csp}");
        }

        // Every inline script and style carries the nonce (or the browser would block it); no inline handlers, no javascript: URLs.
        foreach (Match tag in ScriptOrStyleTag().Matches(html))
            Assert.True(tag.Value.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal), $"{what}: {tag.Value} without the nonce");
        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    private static string Csp(HttpResponseMessage response) =>
        Assert.Single(response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values : []);

    private static Dictionary<string, string[]> Directives(string csp) =>
        csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0].ToLowerInvariant(), parts => parts[1..]);

    private static string? Nonce(string csp) => NonceSource().Match(csp) is { Success: true } match ? match.Groups[1].Value : null;

    private static string Fill(string route) => RouteParameter().Replace(route, "security-check");

    private static HttpRequestMessage WithHeaderKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("x-functions-key", key);
        return request;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex NonceSource();

    [GeneratedRegex(@"^https?://[a-z0-9.-]+(:\d+)?$")]
    private static partial Regex OriginSource();

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*action=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormPost();

    [GeneratedRegex("<(script|style)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyleTag();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
