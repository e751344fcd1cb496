using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Application.Capture;
using LeadIntake.Storage;
using LeadIntake.Testing;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Capture throughput at 32 concurrent clients beside the raw Azurite enqueue rate measured in the same run, the drain
/// rate of the backlog, and the latency from POST /api/leads to the lead's first StageHistory row for leads arriving one
/// at a time at random intervals (speed to lead).
/// </summary>
/// <remarks>
/// Runs a private in-memory Azurite and the real worker under the local Functions host (as ./run.sh does), so the
/// figures include the host's HTTP hop, the worker, the storage SDK and the host's queue polling working at the same
/// time on one machine. Genuine posts carry a live render token, so every spam rule runs on them; a honeypot flood and a
/// one-address flood show what turning spam away costs, and the spam rules are also timed in process, per submission.
/// Prints; asserts nothing.
/// </remarks>
public static class CaptureBenchmark
{
    private const int Concurrency = 32;

    // The benchmark posts from one address at hundreds per second: only the flood run keeps the default limits.
    private static readonly (string, string)[] s_noLimits =
        [("LeadCaptureOptions__MaxPerAddressPerHour", "100000000"), ("LeadCaptureOptions__MaxPerFormPerMinute", "100000000")];

    /// <summary>Runs the benchmark; <c>--requests N</c> sets the number of captures (default 4000).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length == 2 && args[0] == "--requests" ? int.Parse(args[1]) : 4000;
        var latencySamples = Math.Min(100, requests);

        await using var azurite = new AzuriteDisposable();
        await azurite.Fixture.InitializeAsync();
        var connection = azurite.Fixture.ConnectionString;

        var rawRate = await MeasureRawEnqueueAsync(connection, requests);
        var checkMicroseconds = MeasureSpamChecks();

        // Capture alone: ProcessLead disabled (AzureWebJobs.ProcessLead.Disabled), so only the HTTP path is measured.
        double captureRate, spamRate, floodRate;
        int captureErrors, floodQueued;
        await using (var captureOnly = await StartHostAsync(connection, [("AzureWebJobs.ProcessLead.Disabled", "true"), .. s_noLimits]))
        {
            var http = captureOnly.Client;
            var token = await RenderTokenAsync(http);
            await RunConcurrentAsync(200, Concurrency, i => PostLeadAsync(http, $"warmup{i}", token)); // JIT, pools, queues
            (var seconds, captureErrors) = await RunConcurrentAsync(requests, Concurrency, i => PostLeadAsync(http, $"load{i}", token));
            captureRate = requests / seconds;
            (seconds, _) = await RunConcurrentAsync(requests, Concurrency, i => PostLeadAsync(http, $"bot{i}", token, honeypot: "http://spam.example"));
            spamRate = requests / seconds;
        }

        // One address floods the default form at full speed under the default limits (20 per address per hour).
        var queue = new QueueClient(connection, StorageNames.LeadCapturedQueue);
        var queuedBefore = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        await using (var limited = await StartHostAsync(connection, ("AzureWebJobs.ProcessLead.Disabled", "true")))
        {
            var (seconds, _) = await RunConcurrentAsync(1000, Concurrency, i => PostLeadAsync(limited.Client, $"flood{i}", token: null));
            floodRate = 1000 / seconds;
        }

        floodQueued = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount - queuedBefore;

        // The whole pipeline: the backlog just captured drains through ProcessLead, then single leads are timed.
        await using var pipeline = await StartHostAsync(connection, s_noLimits);
        var backlog = requests + 200 + floodQueued;
        var drainSeconds = await WaitForQueueToDrainAsync(connection);
        List<double> latencies;
        try
        {
            latencies = await MeasurePostToHistoryAsync(pipeline.Client, connection, latencySamples);
        }
        catch
        {
            // What the host and the worker said is the only clue to a failed run: show its end.
            Console.Error.WriteLine(string.Join(Environment.NewLine, pipeline.Output.Split('\n').TakeLast(80)));
            throw;
        }

        Console.WriteLine($"capture benchmark ({Environment.ProcessorCount} cores, {requests} requests, {Concurrency} concurrent clients)");
        Console.WriteLine($"  raw Azurite enqueue rate     : {rawRate,8:F0} msg/s");
        Console.WriteLine($"  capture throughput           : {captureRate,8:F0} req/s   ({captureErrors} non-2xx)");
        Console.WriteLine($"  capture / raw enqueue        : {captureRate / rawRate,8:P0}");
        Console.WriteLine($"  spam rules, in process       : {checkMicroseconds,8:F1} µs per submission (token HMAC, honeypots, names, rate limits)");
        Console.WriteLine($"  honeypot spam turned away    : {spamRate,8:F0} req/s   (answered 202, nothing queued)");
        Console.WriteLine($"  one-address flood, defaults  : {floodRate,8:F0} req/s   ({floodQueued} of 1000 queued; the rest answered 202 as spam)");
        Console.WriteLine($"  ProcessLead drain rate       : {backlog / drainSeconds,8:F0} leads/s ({backlog} queued leads)");
        Console.WriteLine($"  POST -> StageHistory row     : p50 {Percentile(latencies, 0.50),6:F1} ms   p99 {Percentile(latencies, 0.99),6:F1} ms   max {latencies[^1],6:F1} ms   ({latencies.Count} leads, one at a time, 0-1 s apart)");
        return 0;
    }

    private static async Task<double> MeasureRawEnqueueAsync(string connection, int count)
    {
        var queue = new QueueClient(connection, "bench-raw-enqueue", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        var body = JsonSerializer.Serialize(SampleLead("raw@example.com"));
        var (seconds, _) = await RunConcurrentAsync(count, Concurrency, async _ =>
        {
            await queue.SendMessageAsync(body);
            return true;
        });
        await queue.DeleteAsync();
        return count / seconds;
    }

    private static async Task<bool> PostLeadAsync(HttpClient http, string name, string? token = null, string? honeypot = null)
    {
        var lead = SampleLead($"{name}@bench-corp.example");
        if (token is not null)
            lead[FormTokens.TokenField] = token;
        if (honeypot is not null)
            lead[SpamCheck.HoneypotField] = honeypot;
        using var response = await http.PostAsJsonAsync("api/leads", lead);
        return response.IsSuccessStatusCode;
    }

    // A page's render token, aged past the fastest human fill, reused by every post (it stays live for a day).
    private static async Task<string> RenderTokenAsync(HttpClient http)
    {
        var token = (await http.GetFromJsonAsync<JsonElement>("api/forms/default/token")).GetProperty("token").GetString()!;
        await Task.Delay(FormTokens.MinimumFillTime + TimeSpan.FromMilliseconds(100));
        return token;
    }

    // What capture adds per submission for spam: the token check, the honeypot and name rules, and both rate limits.
    private static double MeasureSpamChecks()
    {
        var tokens = new FormTokens(RandomNumberGenerator.GetBytes(32));
        var form = new LandingForm("default", [], null, [], UtmParameters.None, null, null, null, false, DisposableEmailRule.Allow, false,
            int.MaxValue, int.MaxValue, SpamCheck.DefaultHoneypotFields);
        var limiter = new SubmissionRateLimiter(TimeProvider.System);
        var fields = SampleLead("check@bench-corp.example").Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)).ToList();
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

    private static async Task<List<double>> MeasurePostToHistoryAsync(HttpClient http, string connection, int samples)
    {
        var history = new TableClient(connection, StorageNames.StageHistoryTable);
        var latencies = new List<double>(samples);
        var random = new Random(7);
        for (var i = 0; i < samples; i++)
        {
            // Leads arrive one at a time at random moments, so the queue trigger is found idle, polling at its back-off.
            await Task.Delay(random.Next(0, 1000));
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("api/leads", SampleLead($"latency{i}@bench-corp.example"));
            response.EnsureSuccessStatusCode();
            var leadId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetString()!;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {leadId}");
            while (!await history.QueryAsync<TableEntity>(filter, maxPerPage: 1).AnyAsync())
            {
                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                    throw new TimeoutException($"no StageHistory row for {leadId} after 30 s");
                await Task.Delay(10);
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        return latencies;
    }

    private static async Task<double> WaitForQueueToDrainAsync(string connection)
    {
        var queue = new QueueClient(connection, StorageNames.LeadCapturedQueue);
        var clock = Stopwatch.StartNew();
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException("lead-captured did not drain within 10 minutes");
            await Task.Delay(100);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static Task<LocalFunctionsHost> StartHostAsync(string connection, params (string Name, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            [StorageNames.Connection] = connection,
            ["LeadCaptureOptions__IdentitySecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in extra)
            settings[name] = value;
        return LocalFunctionsHost.StartAsync(LocalFunctionsHost.BuildOutput("functions/LeadIntake.Functions"), settings);
    }

    private static async Task<(double Seconds, int Failures)> RunConcurrentAsync(int count, int concurrency, Func<int, Task<bool>> operation)
    {
        var next = -1;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                if (!await operation(i))
                    Interlocked.Increment(ref failures);
            }
        }));
        return (clock.Elapsed.TotalSeconds, failures);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static Dictionary<string, string> SampleLead(string email) => new()
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

    private sealed class AzuriteDisposable : IAsyncDisposable
    {
        public AzuriteFixture Fixture { get; } = new();

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
