using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace LeadIntake.LocalHost.TestWorker;

/// <summary>Settings the contract tests pass to this worker (as environment variables, through the host).</summary>
public static class TestSettings
{
    /// <summary>Folder where deliveries and firings are recorded as JSON lines (<c>queue.seen</c>, <c>timer.seen</c>).</summary>
    public const string RecordDirectory = "TestRecordDirectory";

    /// <summary>File whose absence makes a "crash-once" message kill the worker (it is created first).</summary>
    public const string CrashMarker = "TestCrashMarker";
}

/// <summary>HTTP functions: echo, route binding, a keyed route and one that throws.</summary>
public sealed class HttpFunctions
{
    /// <summary>Returns the request body, and the <c>x-test</c> request header as <c>x-echo</c>.</summary>
    [Function("echo")]
    public async Task<IActionResult> EchoAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "echo")] HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.HttpContext.Response.Headers["x-echo"] = request.Headers["x-test"];
        return new ContentResult { Content = body, ContentType = "text/plain", StatusCode = StatusCodes.Status200OK };
    }

    /// <summary>Returns the <c>{id}</c> route value.</summary>
    [Function("item")]
    public IActionResult Item([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id}")] HttpRequest request, string id) =>
        new ContentResult { Content = $"item {id}", ContentType = "text/plain", StatusCode = StatusCodes.Status200OK };

    /// <summary>Needs the function key (or the master key).</summary>
    [Function("keyed")]
    public IActionResult Keyed([HttpTrigger(AuthorizationLevel.Function, "get", Route = "keyed")] HttpRequest request) =>
        new ContentResult { Content = "keyed ok", ContentType = "text/plain", StatusCode = StatusCodes.Status200OK };

    /// <summary>Always throws, so the host's 500 path is exercised.</summary>
    [Function("throws")]
    public IActionResult Throws([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "throws")] HttpRequest request) =>
        throw new InvalidOperationException("The throws function always fails.");
}

/// <summary>Queue and timer functions that record what they were given.</summary>
public sealed class RecordingFunctions(IConfiguration configuration)
{
    private static readonly Lock FileGate = new();

    /// <summary>Records every delivery; throws for "fail…"; kills the worker once for "crash-once".</summary>
    [Function("queueRecorder")]
    public void Queue([QueueTrigger("%TestQueue%")] string message, FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        Record("queue.seen", new { text = message, dequeueCount = long.Parse(data["DequeueCount"]!.ToString()!), id = data["Id"]?.ToString() });
        if (message.StartsWith("fail", StringComparison.Ordinal))
            throw new InvalidOperationException($"Message '{message}' is meant to fail.");
        var marker = configuration[TestSettings.CrashMarker];
        if (message == "crash-once" && marker is not null && !File.Exists(marker))
        {
            File.WriteAllText(marker, "crashed");
            Environment.Exit(3); // a worker crash in the middle of an invocation
        }
    }

    /// <summary>Records every firing.</summary>
    [Function("timerRecorder")]
    public void Timer([TimerTrigger("%TestTimerSchedule%")] TimerInfo timer) =>
        Record("timer.seen", new { at = DateTimeOffset.UtcNow, isPastDue = timer.IsPastDue, next = timer.ScheduleStatus?.Next });

    private void Record(string file, object entry)
    {
        var directory = configuration[TestSettings.RecordDirectory] ?? throw new InvalidOperationException($"Setting {TestSettings.RecordDirectory} is missing.");
        lock (FileGate)
            File.AppendAllText(Path.Combine(directory, file), JsonSerializer.Serialize(entry) + Environment.NewLine);
    }
}
