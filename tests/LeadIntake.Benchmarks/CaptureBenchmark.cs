using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LeadIntake.Storage;
using LeadIntake.Storage.Tables;
using LeadIntake.Testing;

namespace LeadIntake.Benchmarks;

/// <summary>
/// Capture throughput at 32 concurrent clients beside the raw Azurite enqueue rate measured in the same run, and the
/// latency from POST /api/leads to the lead's first StageHistory row.
/// </summary>
/// <remarks>
/// Runs a private in-memory Azurite and the built function app as its own process (as ./run.sh does), so the figures
/// include Kestrel, the storage client and the local queue listener working at the same time. Prints; asserts nothing.
/// </remarks>
public static class CaptureBenchmark
{
    private const int Concurrency = 32;

    /// <summary>Runs the benchmark; <c>--requests N</c> sets the number of captures (default 4000).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length == 2 && args[0] == "--requests" ? int.Parse(args[1]) : 4000;
        var latencySamples = Math.Min(300, requests);

        await using var azurite = new AzuriteDisposable();
        await azurite.Fixture.InitializeAsync();
        var connection = azurite.Fixture.ConnectionString;

        var rawRate = await MeasureRawEnqueueAsync(connection, requests);

        // Capture alone, as under the Functions host (the host, not this process, runs the queue trigger).
        double captureRate;
        int captureErrors;
        using (var captureOnly = FunctionApp.Start(connection, localQueueListener: false))
        using (var http = NewClient(captureOnly))
        {
            await captureOnly.WaitUntilReadyAsync(http);
            await RunConcurrentAsync(200, Concurrency, i => PostLeadAsync(http, $"warmup{i}")); // JIT, pools, queues
            (var seconds, captureErrors) = await RunConcurrentAsync(requests, Concurrency, i => PostLeadAsync(http, $"load{i}"));
            captureRate = requests / seconds;
        }

        // The whole local pipeline: the backlog just captured drains through ProcessLead, then single leads are timed.
        using var pipeline = FunctionApp.Start(connection, localQueueListener: true);
        using var client = NewClient(pipeline);
        await pipeline.WaitUntilReadyAsync(client);
        var backlog = requests + 200;
        var drainSeconds = await WaitForQueueToDrainAsync(connection);
        var latencies = await MeasurePostToHistoryAsync(client, connection, latencySamples);

        Console.WriteLine($"capture benchmark ({Environment.ProcessorCount} cores, {requests} requests, {Concurrency} concurrent clients)");
        Console.WriteLine($"  raw Azurite enqueue rate     : {rawRate,8:F0} msg/s");
        Console.WriteLine($"  capture throughput           : {captureRate,8:F0} req/s   ({captureErrors} non-2xx)");
        Console.WriteLine($"  capture / raw enqueue        : {captureRate / rawRate,8:P0}");
        Console.WriteLine($"  ProcessLead drain rate       : {backlog / drainSeconds,8:F0} leads/s ({backlog} queued leads, local listener)");
        Console.WriteLine($"  POST -> StageHistory row     : p50 {Percentile(latencies, 0.50),6:F1} ms   p99 {Percentile(latencies, 0.99),6:F1} ms   ({latencies.Count} leads, 4 at a time)");
        return 0;
    }

    private static async Task<double> MeasureRawEnqueueAsync(string connection, int count)
    {
        var queue = new LeadIntake.Storage.Queues.QueueClient(connection, "bench-raw-enqueue");
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
        using var response = await http.PostAsJsonAsync("/api/leads", SampleLead($"{name}@bench-corp.example"));
        return response.IsSuccessStatusCode;
    }

    private static async Task<List<double>> MeasurePostToHistoryAsync(HttpClient http, string connection, int samples)
    {
        var history = new TableClient(connection, StorageNames.StageHistoryTable);
        var latencies = new List<double>(samples);
        await RunConcurrentAsync(samples, 4, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/api/leads", SampleLead($"latency{i}@bench-corp.example"));
            response.EnsureSuccessStatusCode();
            var leadId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetString()!;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {leadId}");
            while (true)
            {
                await foreach (var _ in history.QueryAsync<TableEntity>(filter, maxPerPage: 1))
                {
                    lock (latencies)
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    return true;
                }

                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                    throw new TimeoutException($"no StageHistory row for {leadId} after 30 s");
                await Task.Delay(20);
            }
        });
        latencies.Sort();
        return latencies;
    }

    private static async Task<double> WaitForQueueToDrainAsync(string connection)
    {
        var queue = new LeadIntake.Storage.Queues.QueueClient(connection, StorageNames.LeadCapturedQueue);
        var clock = Stopwatch.StartNew();
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException("lead-captured did not drain within 10 minutes");
            await Task.Delay(100);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static HttpClient NewClient(FunctionApp app) => new() { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

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
