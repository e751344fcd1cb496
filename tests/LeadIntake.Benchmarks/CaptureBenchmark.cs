using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Queues;
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
/// time on one machine. Prints; asserts nothing.
/// </remarks>
public static class CaptureBenchmark
{
    private const int Concurrency = 32;

    /// <summary>Runs the benchmark; <c>--requests N</c> sets the number of captures (default 4000).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length == 2 && args[0] == "--requests" ? int.Parse(args[1]) : 4000;
        var latencySamples = Math.Min(100, requests);

        await using var azurite = new AzuriteDisposable();
        await azurite.Fixture.InitializeAsync();
        var connection = azurite.Fixture.ConnectionString;

        var rawRate = await MeasureRawEnqueueAsync(connection, requests);

        // Capture alone: ProcessLead disabled (AzureWebJobs.ProcessLead.Disabled), so only the HTTP path is measured.
        double captureRate;
        int captureErrors;
        await using (var captureOnly = await StartHostAsync(connection, ("AzureWebJobs.ProcessLead.Disabled", "true")))
        {
            var http = captureOnly.Client;
            await RunConcurrentAsync(200, Concurrency, i => PostLeadAsync(http, $"warmup{i}")); // JIT, pools, queues
            (var seconds, captureErrors) = await RunConcurrentAsync(requests, Concurrency, i => PostLeadAsync(http, $"load{i}"));
            captureRate = requests / seconds;
        }

        // The whole pipeline: the backlog just captured drains through ProcessLead, then single leads are timed.
        await using var pipeline = await StartHostAsync(connection);
        var backlog = requests + 200;
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

    private static async Task<bool> PostLeadAsync(HttpClient http, string name)
    {
        using var response = await http.PostAsJsonAsync("api/leads", SampleLead($"{name}@bench-corp.example"));
        return response.IsSuccessStatusCode;
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
