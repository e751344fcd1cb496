using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

// Each host fixture is a few processes waiting on I/O; let the collections overlap beyond the core count.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]

namespace LeadIntake.LocalHost.IntegrationTests;

/// <summary>One delivery the test worker's queue function recorded.</summary>
public sealed record Delivery(string Text, long DequeueCount, string Id);

/// <summary>A private Azurite plus a local host running the test worker, with its own queue and record folder.</summary>
/// <remarks>
/// Settings given to the worker: <c>TestQueue</c> (a unique queue), <c>TestTimerSchedule</c> (every second),
/// <c>TestRecordDirectory</c> (a fresh temp folder the worker appends JSON lines to) and <c>TestCrashMarker</c>.
/// Use it as a class or collection fixture, or directly with <c>await using</c> for a host a test may break.
/// </remarks>
public class TestWorkerHost : IAsyncLifetime, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private AzuriteProcess? _azurite;
    private LocalFunctionsHost? _host;

    /// <summary>The test worker's build output, in the configuration of this test assembly.</summary>
    public static string ScriptRoot => LocalFunctionsHost.BuildOutput("tests/LeadIntake.LocalHost.TestWorker");

    /// <summary>The queue the worker's queueRecorder listens on.</summary>
    public string QueueName { get; } = UniqueStorageName.Create("localhost");

    /// <summary>The folder the worker records deliveries and timer firings in.</summary>
    public string RecordDirectory { get; } = Directory.CreateTempSubdirectory("localhost-tests-").FullName;

    /// <summary>The running host.</summary>
    public LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>The watched queue (base64 messages, as the trigger expects).</summary>
    public QueueClient Queue => new(_azurite!.ConnectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>The poison queue of <see cref="Queue"/>.</summary>
    public QueueClient PoisonQueue => new(_azurite!.ConnectionString, QueueName + "-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Waits until <paramref name="condition"/> holds, polling every 100 ms.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>; the message names <paramref name="what"/> and holds the host output.</exception>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"Not within {timeout.TotalSeconds} s: {what}.{Environment.NewLine}{Host.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Synchronous-condition overload of <see cref="WaitUntilAsync(Func{Task{bool}}, TimeSpan, string)"/>.</summary>
    public Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) => WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    /// <summary>Every delivery recorded so far, in order.</summary>
    public IReadOnlyList<Delivery> Deliveries() => Records<Delivery>("queue.seen");

    /// <summary>Deliveries of one message text.</summary>
    public IReadOnlyList<Delivery> DeliveriesOf(string text) => Deliveries().Where(delivery => delivery.Text == text).ToList();

    /// <summary>Every timer firing recorded so far.</summary>
    public IReadOnlyList<JsonElement> TimerFirings() => Records<JsonElement>("timer.seen");

    /// <summary>The texts waiting in the poison queue (empty if it does not exist).</summary>
    public async Task<IReadOnlyList<string>> PoisonTextsAsync()
    {
        if (!await PoisonQueue.ExistsAsync())
            return [];
        PeekedMessage[] peeked = await PoisonQueue.PeekMessagesAsync(32);
        return peeked.Select(message => message.Body.ToString()).ToList();
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        await Queue.CreateIfNotExistsAsync();
        _host = await LocalFunctionsHost.StartAsync(ScriptRoot, new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["TestQueue"] = QueueName,
            ["TestTimerSchedule"] = "*/1 * * * * *",
            ["TestRecordDirectory"] = RecordDirectory,
            ["TestCrashMarker"] = Path.Combine(RecordDirectory, "crashed.marker"),
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        if (_azurite is not null)
            await _azurite.DisposeAsync();
        Directory.Delete(RecordDirectory, recursive: true);
    }

    /// <inheritdoc />
    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private IReadOnlyList<T> Records<T>(string file)
    {
        var path = Path.Combine(RecordDirectory, file);
        if (!File.Exists(path))
            return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var records = new List<T>();
        // The worker may be half-way through appending a line: only complete lines count.
        foreach (var line in reader.ReadToEnd().Split('\n').SkipLast(1))
            records.Add(JsonSerializer.Deserialize<T>(line, Web)!);
        return records;
    }
}

/// <summary>One host shared by the tests that do not disturb it (HTTP, auth, status, timer).</summary>
[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<TestWorkerHost>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Shared local host";
}
