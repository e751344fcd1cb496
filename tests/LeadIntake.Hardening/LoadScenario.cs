using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadIntake.Application.Capture;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Storage;
using LeadIntake.Storage.Capture;
using LeadIntake.Testing;

namespace LeadIntake.Hardening;

/// <summary>
/// Capture at 32, 64 and 128 concurrent clients beside the raw Azurite enqueue rate at the same concurrency in the same
/// run, what turning spam away costs, the drain rate of <c>ProcessLead</c> through a backlog, and the latency from
/// POST /api/leads to the lead's first StageHistory row for leads arriving one at a time (speed to lead).
/// </summary>
/// <remarks>
/// Azurite, the local host, the worker and the load generator share the machine's cores, so the figures are what one
/// box does, not what Azure does; they vary by about ±20 % between runs. Genuine posts carry a live render token, so
/// every spam rule runs on them. Promises checked: no 5xx and no failed request at any concurrency, every 202 on the queue,
/// honeypot spam queues nothing, a flooding address gets exactly its form's limit queued, every lead of the backlog stored
/// exactly once, every latency lead reaches StageHistory.
/// </remarks>
public static class LoadScenario
{
    private const string FloodForm = "flood";
    private const int FloodLimit = 20;
    private static readonly TimeSpan s_latencyBound = TimeSpan.FromSeconds(30);

    /// <summary>Runs the scenario.</summary>
    public static async Task<ScenarioReport> RunAsync(Budget budget)
    {
        var report = new ScenarioReport("load");
        // Capture alone first (ProcessLead off, so only the HTTP path is measured).
        await using (var app = await HardeningApp.StartAsync(settings => settings["AzureWebJobs.ProcessLead.Disabled"] = "true", seed: AddFloodFormAsync))
            await MeasureCaptureAsync(app, budget, report);

        // The backlog on a fresh Azurite (the capture runs left tens of thousands of messages): exactly DrainBacklog
        // leads queued, then the whole pipeline drains them.
        await using var pipeline = await HardeningApp.StartAsync(settings => settings["AzureWebJobs.ProcessLead.Disabled"] = "true");
        await MeasureDrainAndLatencyAsync(pipeline, budget, report);
        report.Figure("spam rules in process", $"{MeasureSpamChecks():F1} µs per submission (token HMAC, honeypots, names, both rate limits)");
        if (report.Broken.Count > 0)
            Console.Error.WriteLine(pipeline.Host.Output); // what the host and the worker said is the only clue to a broken promise
        return report;
    }

    private static async Task MeasureCaptureAsync(HardeningApp app, Budget budget, ScenarioReport report)
    {
        var connection = app.Azurite.ConnectionString;
        var http = app.Host.Client;
        var token = await RenderTokenAsync(http);
        var warmup = await RunForAsync(TimeSpan.FromSeconds(2), 32, i => PostAsync(http, $"warmup{i}", token)); // JIT, pools, connections

        // Spam first, while the queue is short: under heavy load Azurite answers some sends after the storage client's
        // network timeout, the client sends again, and the first copy lands seconds later, which would count here.
        var queuedBefore = await SettledQueueLengthAsync(app);
        var spam = await RunForAsync(budget.LoadTime, 32, i => PostAsync(http, $"bot{i}", token, honeypot: "http://spam.example"));
        var spamQueued = await SettledQueueLengthAsync(app) - queuedBefore;
        report.Figure("honeypot spam, 32 clients", $"{spam.Rate:F0} req/s answered like success; {spamQueued} queued");
        if (spamQueued != 0 || spam.Failures > 0)
            report.Break($"honeypot spam: {spamQueued} queued, {spam.Failures} not answered 202");

        queuedBefore = await SettledQueueLengthAsync(app);
        var flood = await RunForAsync(budget.LoadTime, 32, i => PostAsync(http, $"flood{i}", token: null, form: FloodForm));
        var floodQueued = await SettledQueueLengthAsync(app) - queuedBefore;
        report.Figure($"one address flooding a form limited to {FloodLimit}/hour", $"{flood.Rate:F0} req/s; {floodQueued} of {flood.Count} queued, the rest answered 202 as spam");
        if (floodQueued != FloodLimit)
            report.Break($"flood: {floodQueued} queued where the form allows {FloodLimit} per address per hour");

        var accepted = warmup.Accepted + FloodLimit;
        foreach (var clients in budget.LoadConcurrency)
        {
            var raw = await MeasureRawEnqueueAsync(connection, clients, budget.LoadTime);
            var capture = await RunForAsync(budget.LoadTime, clients, i => PostAsync(http, $"load{clients}x{i}", token));
            accepted += capture.Accepted;
            Console.Error.WriteLine($"    {clients} clients: {capture.Rate:F0} req/s, raw {raw:F0} msg/s");
            report.Figure($"capture, {clients} clients, {budget.LoadTime.TotalSeconds:F0} s", $"{capture.Rate:F0} req/s; raw enqueue {raw:F0} msg/s in the same run ({capture.Rate / raw:P0}); {capture.Statuses}");
            if (capture.Failures > 0)
                report.Break($"{clients} clients: {capture.Failures} of {capture.Count} posts not answered 202");
        }

        // Every 202 is on the queue; copies from retried sends are allowed (ProcessLead merges a submission id once).
        var queued = await SettledQueueLengthAsync(app);
        report.Figure("lead-captured messages for the 202s", $"{queued} for {accepted} ({queued - accepted} copies from the storage client's retries)");
        if (queued < accepted)
            report.Break($"{accepted - queued} of {accepted} genuine 202s not on the queue");
    }

    private static async Task MeasureDrainAndLatencyAsync(HardeningApp app, Budget budget, ScenarioReport report)
    {
        var connection = app.Azurite.ConnectionString;
        var http = app.Host.Client;
        var token = await RenderTokenAsync(http);
        var receipts = new System.Collections.Concurrent.ConcurrentBag<Acknowledged>();
        var backlog = await RunCountAsync(budget.DrainBacklog, 32, async i =>
        {
            using var response = await http.PostAsJsonAsync("api/leads", SampleLead($"drain{i}@bench-corp.example", token));
            if (response.StatusCode != HttpStatusCode.Accepted)
                return (int)response.StatusCode;
            var receipt = await response.Content.ReadFromJsonAsync<LeadReceipt>();
            receipts.Add(new Acknowledged(receipt!.LeadId, receipt.SubmissionId));
            return 202;
        });
        if (backlog.Failures > 0)
            report.Break($"backlog: {backlog.Failures} of {budget.DrainBacklog} posts not answered 202 ({backlog.Statuses})");

        await app.RestartHostAsync(settings => settings.Remove("AzureWebJobs.ProcessLead.Disabled"));
        var drainClock = Stopwatch.StartNew();
        while (await CapturedAsync(app) > 0 && drainClock.Elapsed < TimeSpan.FromMinutes(10))
            await Task.Delay(100);
        var drainSeconds = drainClock.Elapsed.TotalSeconds;
        report.Figure("ProcessLead drain rate", $"{receipts.Count / drainSeconds:F1} leads/s ({receipts.Count} queued leads, {drainSeconds:F1} s)");
        report.Break(await StoredLeads.BrokenPromisesAsync(app.Azurite, receipts, TimeSpan.FromMinutes(2), spamSent: false));

        var latencies = await MeasurePostToHistoryAsync(app.Host.Client, connection, budget.LatencySamples, token, report);
        if (latencies.Count > 0)
            report.Figure("POST → first StageHistory row", $"p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms ({latencies.Count} leads one at a time, 0–1 s apart)");
    }

    private static async Task<double> MeasureRawEnqueueAsync(string connection, int clients, TimeSpan duration)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15); // a stalled emulator shows in seconds, not after 6 × 100 s
        var queue = new QueueClient(connection, $"bench-raw-enqueue-{clients}", options);
        await queue.CreateIfNotExistsAsync();
        var body = JsonSerializer.Serialize(SampleLead("raw@bench-corp.example", token: null));
        var run = await RunForAsync(duration, clients, async _ =>
        {
            await queue.SendMessageAsync(body);
            return 202;
        });
        return run.Rate; // the queue stays: in a full run, requests after deleting a queue of ~12,000 messages hung in Azurite
    }

    private static async Task<int> PostAsync(HttpClient http, string name, string? token, string? honeypot = null, string? form = null)
    {
        var lead = SampleLead($"{name}@bench-corp.example", token);
        if (honeypot is not null)
            lead[SpamCheck.HoneypotField] = honeypot;
        if (form is not null)
            lead[LeadFieldNames.FormId] = form;
        using var response = await http.PostAsJsonAsync("api/leads", lead);
        return (int)response.StatusCode;
    }

    // A page's render token, aged past the fastest human fill, reused by every post (it stays live for a day).
    private static async Task<string> RenderTokenAsync(HttpClient http)
    {
        var token = (await http.GetFromJsonAsync<JsonElement>("api/forms/default/token")).GetProperty("token").GetString()!;
        await Task.Delay(FormTokens.MinimumFillTime + TimeSpan.FromMilliseconds(100));
        return token;
    }

    // A form with the product's default per-address limit, while the default form runs without limits for the load.
    private static async Task AddFloodFormAsync(AzuriteFixture azurite)
    {
        var forms = azurite.CreateTableServiceClient().GetTableClient(StorageNames.FormsTable);
        await forms.CreateIfNotExistsAsync();
        await forms.UpsertEntityAsync(new TableEntity(FloodForm, TableFormSettingsSource.RowKey)
        {
            [nameof(FormSettingsRow.MaxPerAddressPerHour)] = FloodLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    // What capture adds per submission for spam: the token check, the honeypot and name rules, and both rate limits.
    private static double MeasureSpamChecks()
    {
        var tokens = new FormTokens(RandomNumberGenerator.GetBytes(32));
        var form = new LandingForm("default", [], null, [], UtmParameters.None, null, null, null, false, DisposableEmailRule.Allow, false,
            int.MaxValue, int.MaxValue, SpamCheck.DefaultHoneypotFields);
        var limiter = new SubmissionRateLimiter(TimeProvider.System);
        var fields = SampleLead("check@bench-corp.example", token: null).Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)).ToList();
        var token = tokens.Issue("default", DateTimeOffset.UtcNow.AddMinutes(-1));
        const int rounds = 200_000;
        var spam = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            var check = tokens.Check("default", token, DateTimeOffset.UtcNow);
            if ((SpamCheck.ReasonFor(form, fields, check) ?? limiter.TryTake(form, "ip_" + (i % 5000))) is not null)
                spam++;
        }

        if (spam > 0)
            throw new InvalidOperationException($"{spam} genuine submissions were taken for spam");
        return clock.Elapsed.TotalMilliseconds * 1000 / rounds;
    }

    private static async Task<List<double>> MeasurePostToHistoryAsync(HttpClient http, string connection, int samples, string token, ScenarioReport report)
    {
        var history = new TableClient(connection, StorageNames.StageHistoryTable);
        var latencies = new List<double>(samples);
        var random = new Random(7);
        for (var i = 0; i < samples; i++)
        {
            // Leads arrive one at a time at random moments, so the queue trigger is found idle, polling at its back-off.
            await Task.Delay(random.Next(0, 1000));
            var started = Stopwatch.GetTimestamp();
            string leadId;
            try
            {
                using var response = await http.PostAsJsonAsync("api/leads", SampleLead($"latency{i}@bench-corp.example", token));
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    report.Break($"latency lead {i}: answered {(int)response.StatusCode}");
                    continue;
                }

                leadId = (await response.Content.ReadFromJsonAsync<LeadReceipt>())!.LeadId;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                report.Break($"latency lead {i}: no answer after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s ({e.Message})");
                continue;
            }

            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {leadId}");
            while (!await history.QueryAsync<TableEntity>(filter, maxPerPage: 1).AnyAsync() && Stopwatch.GetElapsedTime(started) < s_latencyBound)
                await Task.Delay(10);
            if (Stopwatch.GetElapsedTime(started) >= s_latencyBound)
                report.Break($"latency lead {leadId}: no StageHistory row after {s_latencyBound.TotalSeconds:F0} s");
            else
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        return latencies;
    }

    private static Task<int> CapturedAsync(HardeningApp app) => StoredLeads.QueueLengthAsync(app.Azurite, StorageNames.LeadCapturedQueue);

    // The queue's length once it has not changed for two seconds (a minute at most): late copies of retried sends included.
    private static async Task<int> SettledQueueLengthAsync(HardeningApp app)
    {
        var clock = Stopwatch.StartNew();
        var length = await CapturedAsync(app);
        var stableSince = clock.Elapsed;
        while (clock.Elapsed - stableSince < TimeSpan.FromSeconds(2) && clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(250);
            var now = await CapturedAsync(app);
            if (now != length)
                (length, stableSince) = (now, clock.Elapsed);
        }

        return length;
    }

    /// <summary>What a run of one operation saw: how many ran, how fast, and the status codes (0 = no answer).</summary>
    private sealed record Run(int Count, double Seconds, IReadOnlyDictionary<int, int> StatusCounts)
    {
        public double Rate => Count / Seconds;

        public int Accepted => StatusCounts.GetValueOrDefault(202);

        public int Failures => Count - Accepted;

        public string Statuses => string.Join(", ", StatusCounts.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {s.Value}"));
    }

    // `clients` loops run the operation until the time is up; an exception counts as status 0 (no answer).
    private static Task<Run> RunForAsync(TimeSpan duration, int clients, Func<int, Task<int>> operation) =>
        RunAsync(clients, operation, (_, elapsed) => elapsed < duration);

    private static Task<Run> RunCountAsync(int count, int clients, Func<int, Task<int>> operation) =>
        RunAsync(clients, operation, (i, _) => i < count);

    private static async Task<Run> RunAsync(int clients, Func<int, Task<int>> operation, Func<int, TimeSpan, bool> more)
    {
        var next = -1;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while (more(i = Interlocked.Increment(ref next), clock.Elapsed))
            {
                int status;
                try
                {
                    status = await operation(i);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                }

                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        return new Run(statuses.Values.Sum(), seconds, statuses);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static Dictionary<string, string> SampleLead(string email, string? token)
    {
        var lead = new Dictionary<string, string>
        {
            ["email"] = email,
            ["firstName"] = "Ada",
            ["lastName"] = "Lovelace",
            ["company"] = "Bench Corp",
            ["jobTitle"] = "Head of Operations",
            ["country"] = "United Kingdom",
            ["message"] = "We would like a demo for our sales team of about forty people.",
            ["contactRequested"] = "true",
            ["utm_source"] = "google",
            ["utm_medium"] = "cpc",
            ["utm_campaign"] = "spring-launch",
        };
        if (token is not null)
            lead[FormTokens.TokenField] = token;
        return lead;
    }
}
