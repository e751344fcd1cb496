using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Grpc.Core;
using RpcException = LeadIntake.LocalHost.Rpc.RpcException;
using LeadIntake.LocalHost.Rpc;

namespace LeadIntake.LocalHost;

/// <summary>One function as the worker indexed it: its metadata (sent back verbatim on load) and its trigger binding.</summary>
/// <param name="Metadata">The worker's <see cref="RpcFunctionMetadata"/>.</param>
/// <param name="Trigger">The raw binding whose <c>type</c> ends in "Trigger" (property names case-insensitive).</param>
public sealed record FunctionDescriptor(RpcFunctionMetadata Metadata, JsonObject Trigger)
{
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The function's name.</summary>
    public string Name => Metadata.Name;

    /// <summary>The trigger type, e.g. <c>httpTrigger</c>, <c>queueTrigger</c>, <c>timerTrigger</c>.</summary>
    public string TriggerType => Trigger["type"]?.GetValue<string>() ?? "";

    /// <summary>The trigger parameter's binding name (the <c>input_data</c> name).</summary>
    public string TriggerName => Trigger["name"]?.GetValue<string>() ?? "";

    /// <summary>A new invocation of this function with a fresh id and W3C trace parent, inputs still empty.</summary>
    public InvocationRequest NewInvocation() => new()
    {
        InvocationId = Guid.NewGuid().ToString(),
        FunctionId = Metadata.FunctionId,
        TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00" },
    };

    /// <summary>A trigger property as text, or null.</summary>
    public string? TriggerProperty(string name) => Trigger[name]?.ToString();

    /// <summary>Reads the trigger from the metadata's raw bindings.</summary>
    /// <exception cref="InvalidOperationException">The function has no trigger binding.</exception>
    public static FunctionDescriptor From(RpcFunctionMetadata metadata)
    {
        var trigger = metadata.RawBindings
            .Select(raw => JsonNode.Parse(raw, CaseInsensitive) as JsonObject)
            .FirstOrDefault(binding => binding?["type"]?.GetValue<string>().EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true);
        return new FunctionDescriptor(metadata, trigger ?? throw new InvalidOperationException($"Function {metadata.Name} has no trigger binding."));
    }
}

/// <summary>An invocation failed because the worker exited or its stream broke; the caller may retry later.</summary>
public sealed class WorkerUnavailableException(string message) : Exception(message);

/// <summary>An exception the worker reported in <see cref="RpcException"/>, printed with the worker's own stack trace.</summary>
public sealed class WorkerException(RpcException exception) : Exception(exception.Message)
{
    /// <inheritdoc />
    public override string StackTrace => exception.StackTrace;

    /// <summary>Why a <see cref="StatusResult"/> failed, in one line.</summary>
    public static string Reason(StatusResult? result) =>
        result?.Exception is { } exception ? Summary(exception) : result?.Result ?? "no result";

    /// <summary>The first line of the worker's exception text: type and message, without a stack trace.</summary>
    public static string Summary(RpcException exception)
    {
        var text = string.IsNullOrEmpty(exception.Type) ? exception.Message : $"{exception.Type}: {exception.Message}";
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <inheritdoc />
    public override string ToString()
    {
        // Workers without the EnableUserCodeException behaviour leave Type empty and put the whole ToString() in Message.
        var text = string.IsNullOrEmpty(exception.Type) ? exception.Message : $"{exception.Type}: {exception.Message}";
        return text.Contains(exception.StackTrace, StringComparison.Ordinal) ? text : $"{text}{Environment.NewLine}{exception.StackTrace}";
    }
}

/// <summary>The open EventStream of one worker process: request/response correlation and serialized writes.</summary>
/// <remarks>
/// gRPC allows one writer at a time on a stream, and invocations, cancels and control requests come from many threads,
/// so every outbound message goes through one single-reader channel that <see cref="FunctionRpcService"/> drains.
/// Control responses are matched by <c>request_id</c>, invocation responses by <c>invocation_id</c> (the worker answers
/// out of order). <see cref="Close"/> fails everything pending with <see cref="WorkerUnavailableException"/>. Thread-safe.
/// </remarks>
public sealed class WorkerConnection(string workerId, ILoggerFactory loggers)
{
    private readonly Channel<StreamingMessage> _outbox = Channel.CreateUnbounded<StreamingMessage>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _requests = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private readonly CancellationTokenSource _closed = new();

    /// <summary>The worker id the process was started with and the stream opened with.</summary>
    public string WorkerId { get; } = workerId;

    /// <summary>Cancelled when the stream is gone.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Messages to write, in order.</summary>
    public ChannelReader<StreamingMessage> Outbox => _outbox.Reader;

    /// <summary>Sends a control request and waits for the response echoing its request id.</summary>
    /// <exception cref="WorkerUnavailableException">The stream closed first.</exception>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, TimeSpan timeout)
    {
        request.RequestId = Guid.NewGuid().ToString();
        var response = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[request.RequestId] = response;
        Send(request);
        try
        {
            return await response.Task.WaitAsync(timeout);
        }
        finally
        {
            _requests.TryRemove(request.RequestId, out _);
        }
    }

    /// <summary>Invokes a function and waits for its response; cancelling sends <see cref="InvocationCancel"/>.</summary>
    /// <exception cref="WorkerUnavailableException">The stream closed before the response.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var response = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[request.InvocationId] = response;
        if (Closed.IsCancellationRequested)
            response.TrySetException(new WorkerUnavailableException("The worker is not connected."));
        Send(new StreamingMessage { InvocationRequest = request });
        await using var cancel = cancellationToken.Register(() =>
            Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } }));
        try
        {
            return await response.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _invocations.TryRemove(request.InvocationId, out _);
        }
    }

    /// <summary>Queues a message for the stream (dropped once closed).</summary>
    public void Send(StreamingMessage message) => _outbox.Writer.TryWrite(message);

    /// <summary>Routes one inbound message: a response to its waiter, a log to the console.</summary>
    public void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                Log(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out var invocation))
                    invocation.TrySetResult(message.InvocationResponse);
                break;
            default:
                if (_requests.TryGetValue(message.RequestId, out var request))
                    request.TrySetResult(message);
                break;
        }
    }

    /// <summary>Marks the stream gone and fails every pending request and invocation.</summary>
    public void Close(string reason)
    {
        _outbox.Writer.TryComplete();
        _closed.Cancel();
        var failure = new WorkerUnavailableException($"The worker stream closed: {reason}");
        foreach (var pending in _requests.Values)
            pending.TrySetException(failure);
        foreach (var pending in _invocations.Values)
            pending.TrySetException(failure);
    }

    private void Log(RpcLog log)
    {
        if (log.Level == RpcLog.Types.Level.None || log.LogCategory == RpcLog.Types.RpcLogCategory.CustomMetric)
            return;
        var level = (LogLevel)(int)log.Level; // RpcLog.Level mirrors Microsoft.Extensions.Logging.LogLevel, 0..6.
        var logger = loggers.CreateLogger(string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category);
        if (log.Exception is null)
            logger.Log(level, "{Message}", log.Message);
        else if (IsClientError(log.Exception))
            // A 4xx (bad body, client gone) is the client's problem, already logged by HttpInvoker: debug, no stack trace.
            logger.Log(LogLevel.Debug, "{Message} ({Exception})", log.Message, WorkerException.Summary(log.Exception));
        else
            logger.Log(level, new WorkerException(log.Exception), "{Message}", log.Message);
    }

    private static bool IsClientError(RpcException exception)
    {
        var summary = WorkerException.Summary(exception);
        return summary.Contains("BadHttpRequestException", StringComparison.Ordinal)
            || summary.Contains("ConnectionResetException", StringComparison.Ordinal)
            || summary.Contains("ConnectionAbortedException", StringComparison.Ordinal);
    }
}

/// <summary>The gRPC <c>FunctionRpc/EventStream</c> endpoint the worker dials.</summary>
/// <remarks>
/// Accepts one stream per started worker: the first message must be <c>StartStream</c> with the id the supervisor
/// passed on the worker's command line; anything else is closed at once.
/// </remarks>
public sealed class FunctionRpcService(WorkerSupervisor supervisor, ILogger<FunctionRpcService> logger) : FunctionRpc.FunctionRpcBase
{
    /// <inheritdoc />
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
            return;
        var workerId = requestStream.Current.StartStream?.WorkerId;
        var connection = workerId is null ? null : supervisor.Accept(workerId);
        if (connection is null)
        {
            logger.LogWarning("Refused a worker stream that opened with worker id '{WorkerId}'", workerId);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, connection.Closed);
        var writer = Task.Run(async () =>
        {
            await foreach (var message in connection.Outbox.ReadAllAsync(stop.Token))
                await responseStream.WriteAsync(message, stop.Token);
        });
        var reason = "the worker ended it";
        try
        {
            while (await requestStream.MoveNext(stop.Token))
                connection.Dispatch(requestStream.Current);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException or Grpc.Core.RpcException)
        {
            reason = exception.Message;
        }
        finally
        {
            connection.Close(reason);
            try
            {
                await writer;
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The stream is gone either way; what was unsent is failed by Close.
            }
        }
    }
}
