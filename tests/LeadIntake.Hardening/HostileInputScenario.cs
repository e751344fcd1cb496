using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using LeadIntake.Storage;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Hardening;

/// <summary>
/// Hostile input: thousands of malformed, lying, oversized and malicious requests against the real worker under the
/// local host; then storage is checked for exactly what was acknowledged.
/// </summary>
/// <remarks>
/// Promises checked (each a <see cref="ScenarioReport.Break(string)"/>): no 5xx; no hang (every request answered, or its
/// connection closed, within <see cref="Deadline"/>); no answer with a stack trace or the identity secret; every 202/303
/// stored and processed exactly once, nothing poisoned (<see cref="StoredLeads.BrokenPromisesAsync"/>); no stored lead
/// that was not acknowledged (a rejected request enqueued nothing) and no stored spam; no redirect off the app to a
/// script or another site; no HTML answer that echoes a script value unescaped; an accepted formula value stored as
/// sent and exported formula-safe by <c>GET /api/leads.csv</c>.
/// </remarks>
public static partial class HostileInputScenario
{
    /// <summary>The generator's seed: fixed, so a failure can be replayed request by request.</summary>
    public const int Seed = 20261211;

    /// <summary>Requests in flight at once.</summary>
    public const int Concurrency = 16;

    /// <summary>How long a request may go unanswered and unclosed before it counts as a hang.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private const string Hang = "hang";
    private const string Closed = "closed";

    /// <summary>Runs <see cref="Budget.HostileRequests"/> requests across every category.</summary>
    public static async Task<ScenarioReport> RunAsync(Budget budget)
    {
        var report = new ScenarioReport("hostile");
        var requests = new HostileRequests(Seed).Generate(budget.HostileRequests);
        await using var app = await HardeningApp.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
        {
            BaseAddress = app.Host.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var outcomes = new ConcurrentBag<Outcome>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (request, _) =>
            outcomes.Add(request switch
            {
                HttpHostile http => await SendAsync(client, app.Host.FunctionKey, http),
                RawHostile raw => await SendAsync(app.Host.BaseAddress.Port, raw),
                _ => throw new InvalidOperationException(request.GetType().Name),
            }));
        var sent = clock.Elapsed;

        report.Figure("seed", $"{Seed}")
            .Figure("requests", $"{outcomes.Count} in {sent.TotalSeconds:F0} s ({outcomes.Count / sent.TotalSeconds:F0}/s, {Concurrency} at a time)");
        foreach (var category in HostileRequests.Categories)
            report.Figure(category, StatusCounts(outcomes.Where(o => o.Request.Category == category)));
        // 505 is HTTP's own answer to a request line naming a version that does not exist (RFC 9110 §15.6.6), written by
        // the server before any route is matched: counted in the table, not a fault of the app.
        var serverErrors = outcomes.Where(o => o.Status >= 500 && !(o.Status == 505 && o.Request.Variant == "bad-version")).ToList();
        var hangs = outcomes.Where(o => o.Result == Hang).ToList();
        var slowest = outcomes.Where(o => o.Result != Hang).Max(o => o.Elapsed);
        report.Figure("5xx", $"{serverErrors.Count}").Figure("hangs", $"{hangs.Count}")
            .Figure("slowest answer or close", $"{slowest.TotalSeconds:F1} s");
        report.Break(serverErrors.Take(10).Select(o => $"{o.Status} for {Describe(o)}: {Shorten(o.Body)}"));
        report.Break(hangs.Take(10).Select(o => $"{(o.Status == 0 ? "no answer" : $"answered {o.Status} but")} no close within {Deadline.TotalSeconds:F0} s for {Describe(o)}"));
        report.Break(outcomes.Where(o => o.Body.Contains("   at ", StringComparison.Ordinal) || o.Body.Contains(HardeningApp.IdentitySecret, StringComparison.Ordinal))
            .Take(10).Select(o => $"a stack trace or the identity secret in the answer to {Describe(o)}"));
        report.Break(outcomes.Where(o => o.Location is { } location && !IsSafeRedirect(location, app.Host.BaseAddress))
            .Take(10).Select(o => $"redirected to {o.Location} by {Describe(o)}"));
        report.Break(outcomes.Where(o => o.IsHtml && UnescapedScript().IsMatch(o.Body))
            .Take(10).Select(o => $"an HTML answer echoes markup unescaped for {Describe(o)}"));

        var accepted = outcomes.Where(o => o.Status is 202 or 303 && o.Request.Category != "other-routes").ToList();
        var acknowledged = accepted.Select(Acknowledgement).OfType<Acknowledged>().ToList();
        report.Break(accepted.Where(o => Acknowledgement(o) is null).Take(10).Select(o => $"{o.Status} without a receipt for {Describe(o)}"));
        report.Figure("acknowledged (202/303)", $"{acknowledged.Count}, of them {accepted.Count(o => o.Request.Spam)} spam by design");
        // ProcessLead scores every accepted lead; on a busy 2-core box it drains ~10 a second, so the wait grows with them.
        var drain = Stopwatch.StartNew();
        report.Break(await StoredLeads.BrokenPromisesAsync(app.Azurite, acknowledged, TimeSpan.FromSeconds(60 + acknowledged.Count / 5.0)));
        report.Figure("all processed", $"{drain.Elapsed.TotalSeconds:F0} s after the last answer");

        var stored = await StoredLeadsAsync(app);
        var byLead = accepted.GroupBy(o => Acknowledgement(o)!.LeadId).ToDictionary(g => g.Key, g => g.ToList());
        var byEmail = outcomes.Where(o => o.Request.Email is not null).ToDictionary(o => HardeningApp.Identity.LeadIdFor(o.Request.Email!));
        report.Figure("leads stored", $"{stored.Count}");
        report.Break(stored.Keys.Where(id => !byLead.ContainsKey(id)).Take(10).Select(id =>
            $"lead {stored[id].Email} stored, but {(byEmail.TryGetValue(id, out var o) ? $"its request was answered {o.Result}: {Describe(o)}" : "no request was acknowledged for it")}"));
        report.Break(stored.Keys.Where(id => byLead.TryGetValue(id, out var os) && os.All(o => o.Request.Spam)).Take(10).Select(id =>
            $"spam stored as lead {stored[id].Email}: {Describe(byLead[id][0])}"));

        await CheckFormulaExportAsync(client, app, accepted, stored, report);
        // For replaying a failure: HOSTILE_DETAIL=path writes one line per request, then the host's and worker's output.
        if (Environment.GetEnvironmentVariable("HOSTILE_DETAIL") is { Length: > 0 } detail)
        {
            await File.WriteAllLinesAsync(detail, outcomes.OrderBy(o => o.Request.Index)
                .Select(o => $"{o.Request.Index}\t{o.Request.Category}\t{o.Request.Variant}\t{o.Result}\t{o.Elapsed.TotalMilliseconds:F0} ms")
                .Append(app.Host.Output));
        }

        return report;
    }

    // "400: 812, 413: 40, 202: 148": most frequent first.
    private static string StatusCounts(IEnumerable<Outcome> outcomes) => string.Join(", ", outcomes
        .GroupBy(o => o.Result)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key}: {g.Count()}"));

    private static Acknowledged? Acknowledgement(Outcome outcome)
    {
        if (outcome.Status == 303)
            return outcome.Request.Email is { } email ? new Acknowledged(HardeningApp.Identity.LeadIdFor(email), null) : null;
        var receipt = Receipt().Match(outcome.Body);
        return receipt.Success ? new Acknowledged(receipt.Groups[1].Value, receipt.Groups[2].Value) : null;
    }

    // A browser may go to this app's own pages only (the default form allows no other origin): never a script, never another host.
    private static bool IsSafeRedirect(string location, Uri app) =>
        (location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal))
        || (Uri.TryCreate(location, UriKind.Absolute, out var target) && target.Scheme == app.Scheme && target.Authority == app.Authority);

    private static async Task<Dictionary<string, LeadEntity>> StoredLeadsAsync(HardeningApp app)
    {
        var leads = app.Azurite.CreateTableServiceClient().GetTableClient(StorageNames.LeadsTable);
        var stored = new Dictionary<string, LeadEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {LeadEntity.ProfileRowKey}");
        await foreach (var row in leads.QueryAsync<LeadEntity>(filter))
            stored[row.PartitionKey] = row;
        return stored;
    }

    // An accepted formula lead: its value is stored as sent (trimmed, as every field is) and no cell of its CSV row
    // starts with = + - @ (OWASP: a spreadsheet would run it).
    private static async Task CheckFormulaExportAsync(HttpClient client, HardeningApp app, IReadOnlyList<Outcome> accepted, Dictionary<string, LeadEntity> stored, ScenarioReport report)
    {
        var formula = accepted.FirstOrDefault(o => o.Request.Category == "formula-values" && o.Request.Variant.Contains("-company:", StringComparison.Ordinal));
        if (formula is null)
        {
            report.Break("no formula value in company was accepted, so its export could not be checked");
            return;
        }

        var value = formula.Request.Variant[(formula.Request.Variant.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var leadId = HardeningApp.Identity.LeadIdFor(formula.Request.Email!);
        if (!stored.TryGetValue(leadId, out var lead) || lead.Company != value)
            report.Break($"formula company {value} stored as {(lead is null ? "nothing" : lead.Company)}");

        using var export = new HttpRequestMessage(HttpMethod.Get, "api/leads.csv");
        export.Headers.Add("x-functions-key", app.Host.FunctionKey);
        using var response = await client.SendAsync(export);
        var csv = await response.Content.ReadAsStringAsync();
        var line = csv.Split("\r\n").FirstOrDefault(l => l.Contains(formula.Request.Email!, StringComparison.Ordinal));
        var unsafeCells = line is null ? [] : CsvCells(line).Where(cell => cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal)).ToList();
        if (response.StatusCode != HttpStatusCode.OK || line is null || unsafeCells.Count > 0)
            report.Break($"leads.csv ({(int)response.StatusCode}) for the formula lead {formula.Request.Email}: {(line is null ? "no row" : $"cells {string.Join(" ", unsafeCells)} start a formula")}");
        report.Figure("formula export", $"{(line is null ? "no row" : line.Contains("'" + value.Replace("\"", "\"\"", StringComparison.Ordinal), StringComparison.Ordinal) ? "quote-prefixed" : "not prefixed")}: {value}");
    }

    // RFC 4180 cells of one line (quotes undone).
    private static List<string> CsvCells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                cell.Append(line[++i]);
            else if (ch == '"')
                quoted = !quoted;
            else if (ch == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
                cell.Append(ch);
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static async Task<Outcome> SendAsync(HttpClient client, string functionKey, HttpHostile hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Path);
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.UnknownLength)
                request.Headers.TransferEncodingChunked = true;
        }

        if (hostile.ContentType is not null)
        {
            request.Content ??= new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        }

        foreach (var (name, value) in hostile.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content?.Headers.TryAddWithoutValidation(name, value);
        }

        if (hostile.FunctionKey)
            request.Headers.Add("x-functions-key", functionKey);

        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return new Outcome(hostile, (int)response.StatusCode, clock.Elapsed, Start(body), response.Headers.Location?.OriginalString,
                response.Content.Headers.ContentType?.MediaType == "text/html");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new Outcome(hostile, 0, clock.Elapsed, "", null, false) { Result = Hang };
        }
        catch (HttpRequestException e)
        {
            return new Outcome(hostile, 0, clock.Elapsed, e.Message, null, false) { Result = Closed };
        }
    }

    // Writes the bytes, half-closes or stalls, and reads until the server closes (Connection: close) or the deadline.
    private static async Task<Outcome> SendAsync(int port, RawHostile hostile)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(Deadline);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        var socket = tcp.Client;
        try
        {
            await socket.SendAsync(hostile.Bytes, SocketFlags.None, deadline.Token);
            if (hostile.HalfClose)
                socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The server answered early (e.g. 431, 413) and closed while the rest was on its way: read what it said.
        }

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var closed = false;
        try
        {
            while (received.Length < 1024 * 1024)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    closed = true;
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            // The deadline: decided below.
        }
        catch (SocketException)
        {
            closed = true; // reset by the server
        }

        var text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
        var status = StatusLine().Match(text) is { Success: true } line ? int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = headerEnd < 0 ? text : text[..headerEnd];
        var location = LocationHeader().Match(headers) is { Success: true } l ? l.Groups[1].Value.Trim() : null;
        var outcome = new Outcome(hostile, status, clock.Elapsed, Start(headerEnd < 0 ? "" : text[(headerEnd + 4)..]), location,
            headers.Contains("Content-Type: text/html", StringComparison.OrdinalIgnoreCase));
        return closed ? (status == 0 ? outcome with { Result = Closed } : outcome) : outcome with { Result = Hang };
    }

    private static string Start(string body) => body.Length <= 4096 ? body : body[..4096];

    private static string Describe(Outcome o) =>
        $"request {o.Request.Index} ({o.Request.Category}/{Shorten(o.Request.Variant)}{(o.Request.Email is null ? "" : ", " + o.Request.Email)})";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex(@"""leadId"":""(ld_[0-9a-z]+)"",""submissionId"":""([^""]+)""")]
    private static partial Regex Receipt();

    [GeneratedRegex(@"^HTTP/1\.[01] (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"\r\nLocation:([^\r\n]*)", RegexOptions.IgnoreCase)]
    private static partial Regex LocationHeader();

    // What the script values would look like echoed raw into HTML (the app's own markup never has these).
    [GeneratedRegex(@"<script>alert|<img src=x|<svg onload|<a href=""http://evil", RegexOptions.IgnoreCase)]
    private static partial Regex UnescapedScript();

    /// <summary>What became of one request.</summary>
    /// <param name="Request">The request.</param>
    /// <param name="Status">The answer's status, 0 when there was none.</param>
    /// <param name="Elapsed">From sending to the answer (or the close, or the deadline).</param>
    /// <param name="Body">The answer's body (its first 4 KiB), or the client's error message.</param>
    /// <param name="Location">The Location header, if any.</param>
    /// <param name="IsHtml">True for a text/html answer.</param>
    private sealed record Outcome(HostileRequest Request, int Status, TimeSpan Elapsed, string Body, string? Location, bool IsHtml)
    {
        /// <summary>The status as a table key, or "closed" (no answer, connection closed) or "hang".</summary>
        public string Result { get; init; } = Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
