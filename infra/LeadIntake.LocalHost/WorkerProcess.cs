using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LeadIntake.LocalHost.Rpc;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace LeadIntake.LocalHost;

/// <summary>The host's readiness, as <c>/admin/host/status</c> reports it.</summary>
public enum HostState
{
    /// <summary>A worker is being started or restarted.</summary>
    Starting,

    /// <summary>The handshake completed; invocations are accepted.</summary>
    Running,

    /// <summary>The last worker failed before it was ready; a restart is pending.</summary>
    Error,
}

/// <summary>Runs the gRPC endpoint, starts the worker, does the handshake, and restarts the worker when it dies.</summary>
/// <remarks>
/// The gRPC endpoint is its own small Kestrel server, not the HTTP one: the worker's stream must outlive the draining
/// of in-flight HTTP requests at shutdown. Restart back-off: 1 s, 2 s, 4 s … capped at 30 s, reset after a worker was
/// ready for a minute. Stopping sends <c>WorkerTerminate</c> and waits for the exit (killing it after the grace period).
/// </remarks>
public sealed class WorkerSupervisor(HostSettings settings, ILoggerFactory loggers) : IHostedService
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger("Host.Worker");
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<WorkerConnection> _accepted = NewSource<WorkerConnection>();
    private TaskCompletionSource<WorkerConnection> _ready = NewSource<WorkerConnection>();
    private string? _expectedWorkerId;
    private WebApplication? _grpc;
    private Uri? _grpcUri;
    private Process? _process;
    private Task? _loop;
    private bool _announced;

    /// <summary>Current readiness.</summary>
    public HostState State { get; private set; } = HostState.Starting;

    /// <summary>The functions of the last successful handshake (empty before the first).</summary>
    public IReadOnlyList<FunctionDescriptor> Functions { get; private set; } = [];

    /// <summary>The worker's own Kestrel (pinned through <c>Kestrel__Endpoints__FunctionsProxy__Url</c>).</summary>
    public Uri WorkerHttpUri { get; } = new($"http://127.0.0.1:{FreePort()}/");

    /// <summary>Raised after each successful handshake (first start and every restart).</summary>
    public event Action? Ready;

    /// <summary>The ready connection, or null while the worker is starting.</summary>
    public WorkerConnection? Connection
    {
        get
        {
            var ready = Volatile.Read(ref _ready).Task;
            return ready.IsCompletedSuccessfully && !ready.Result.Closed.IsCancellationRequested ? ready.Result : null;
        }
    }

    /// <summary>Waits until a worker is ready (returns at once when one is).</summary>
    public Task<WorkerConnection> WaitReadyAsync(CancellationToken cancellationToken) => Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);

    /// <summary>Called by <see cref="FunctionRpcService"/> for a new stream: the connection if the id is the expected one.</summary>
    public WorkerConnection? Accept(string workerId)
    {
        if (workerId != _expectedWorkerId)
            return null;
        var connection = new WorkerConnection(workerId, loggers);
        return _accepted.TrySetResult(connection) ? connection : null; // one stream per worker (no MultiStream)
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(loggers); // one console, one set of filters, for both servers
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>(); // Ctrl-C belongs to the main host, which stops this one.
        builder.Services.AddSingleton(this);
        builder.Services.AddGrpc(options => options.MaxReceiveMessageSize = int.MaxValue);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        _grpc = builder.Build();
        _grpc.MapGrpcService<FunctionRpcService>();
        await _grpc.StartAsync(cancellationToken);
        _grpcUri = new Uri(_grpc.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        var connection = Connection;
        var process = _process;
        if (connection is not null && process is not null && !process.HasExited)
        {
            connection.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TerminateGrace) } });
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(TerminateGrace, cancellationToken);
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
            {
                _logger.LogWarning("The worker did not exit within {Grace}; killing it", TerminateGrace);
            }
        }

        KillWorker();
        if (_loop is not null)
            await _loop.WaitAsync(cancellationToken);
        if (_grpc is not null)
            await _grpc.StopAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!_stopping.IsCancellationRequested)
        {
            var startedAt = Stopwatch.GetTimestamp();
            var wasReady = false;
            try
            {
                wasReady = await RunWorkerOnceAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                _logger.LogError("Worker failed to start: {Reason}", exception.Message);
            }
            finally
            {
                KillWorker();
            }

            if (_stopping.IsCancellationRequested)
                break;
            State = wasReady ? HostState.Starting : HostState.Error;
            if (Stopwatch.GetElapsedTime(startedAt) > TimeSpan.FromMinutes(1))
                backoff = TimeSpan.FromSeconds(1);
            _logger.LogWarning("Restarting the worker in {Delay} s", backoff.TotalSeconds);
            try
            {
                await Task.Delay(backoff, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    // Starts one worker process, handshakes, and returns when it is gone; true if it had become ready.
    private async Task<bool> RunWorkerOnceAsync()
    {
        State = State == HostState.Error ? HostState.Error : HostState.Starting;
        _accepted = NewSource<WorkerConnection>();
        _expectedWorkerId = Guid.NewGuid().ToString();
        var process = _process = StartWorker(_expectedWorkerId);
        var exited = process.WaitForExitAsync();

        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        handshakeTimeout.CancelAfter(HandshakeTimeout);
        var accepted = _accepted.Task.WaitAsync(handshakeTimeout.Token);
        if (await Task.WhenAny(accepted, exited) == exited)
            throw new InvalidOperationException($"the worker exited with code {process.ExitCode} before connecting.");
        var connection = await accepted;

        var handshake = HandshakeAsync(connection);
        if (await Task.WhenAny(handshake, exited) == exited)
            throw new InvalidOperationException($"the worker exited with code {process.ExitCode} during the handshake.");
        var functions = await handshake;
        // The worker opens its Kestrel after the handshake; forwarding before it listens would fail as "unavailable".
        if (functions.Any(function => function.TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase)))
            await WaitForWorkerHttpAsync(exited, handshakeTimeout.Token);
        // A disabled function stays loaded in the worker, but nothing triggers it: no route, no listener, no timer.
        Functions = [.. functions.Where(function => !settings.IsDisabled(function.Name))];
        State = HostState.Running;
        _ready.TrySetResult(connection);
        // Runs inside Close, before pending invocations fail: a queue message failed by the crash must not be retried on the dead stream.
        connection.Closed.Register(() => Unready(connection));
        Announce();
        Ready?.Invoke();

        await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, connection.Closed));
        connection.Close("the worker process exited");
        // A broken stream is usually seen a moment before the exit; give the exit code a chance to be known.
        await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(2)));
        if (!_stopping.IsCancellationRequested)
            _logger.LogError("Worker process {Pid} is gone (exit code {ExitCode})", process.Id, process.HasExited ? process.ExitCode : null);
        return true;
    }

    // Waiters from now on wait for the next worker; those on a source that never completed keep waiting on it.
    private void Unready(WorkerConnection connection)
    {
        lock (_gate)
        {
            if (_ready.Task.IsCompletedSuccessfully && ReferenceEquals(_ready.Task.Result, connection))
                Volatile.Write(ref _ready, NewSource<WorkerConnection>());
        }
    }

    private async Task WaitForWorkerHttpAsync(Task exited, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (exited.IsCompleted)
                throw new InvalidOperationException("the worker exited before its HTTP endpoint listened.");
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, WorkerHttpUri.Port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<FunctionDescriptor>> HandshakeAsync(WorkerConnection connection)
    {
        var init = await connection.RequestAsync(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.0.0-localhost",
                WorkerDirectory = settings.ScriptRoot,
                FunctionAppDirectory = settings.ScriptRoot,
            },
        }, HandshakeTimeout);
        EnsureSuccess(init.WorkerInitResponse?.Result, "WorkerInit");

        var metadata = await connection.RequestAsync(new StreamingMessage
        {
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = settings.ScriptRoot },
        }, HandshakeTimeout);
        var indexed = metadata.FunctionMetadataResponse ?? throw new InvalidOperationException("the worker sent no FunctionMetadataResponse.");
        if (indexed.UseDefaultMetadataIndexing)
            throw new NotSupportedException("the worker asked for host indexing (functions.metadata), which this local host does not implement.");
        EnsureSuccess(indexed.Result, "FunctionsMetadata");

        // The .NET worker does not handle FunctionLoadRequestCollection: one request per function.
        var functions = indexed.FunctionMetadataResults.Select(FunctionDescriptor.From).ToList();
        var loads = functions.Select(function => connection.RequestAsync(new StreamingMessage
        {
            FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.Metadata.FunctionId, Metadata = function.Metadata },
        }, HandshakeTimeout));
        foreach (var load in await Task.WhenAll(loads))
            EnsureSuccess(load.FunctionLoadResponse?.Result, $"FunctionLoad {load.FunctionLoadResponse?.FunctionId}");
        return functions;
    }

    private Process StartWorker(string workerId)
    {
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(settings.ScriptRoot, "worker.config.json")))?["description"]
            ?? throw new InvalidOperationException("worker.config.json has no 'description'.");
        var start = new ProcessStartInfo(description["defaultExecutablePath"]?.GetValue<string>() ?? "dotnet")
        {
            WorkingDirectory = settings.ScriptRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var port = _grpcUri!.Port.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            .. Words(description["arguments"]),
            Path.Combine(settings.ScriptRoot, description["defaultWorkerPath"]?.GetValue<string>() ?? throw new InvalidOperationException("worker.config.json has no defaultWorkerPath.")),
            .. Words(description["workerArguments"]),
            // 1.x switches, for parity with the real host; the 2.x worker reads only the --functions-* set.
            "--host", "127.0.0.1", "--port", port, "--workerId", workerId, "--requestId", workerId, "--grpcMaxMessageLength", "2147483647",
            "--functions-uri", _grpcUri.ToString(), "--functions-worker-id", workerId, "--functions-request-id", workerId,
            "--functions-grpc-max-message-length", "2147483647",
        ];
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in settings.WorkerValues())
            start.Environment[name] = value;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = settings.ScriptRoot;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = settings.ScriptRoot;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        if (string.IsNullOrEmpty(start.Environment.TryGetValue("AZURE_FUNCTIONS_ENVIRONMENT", out var environment) ? environment : null))
            start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        start.Environment["Kestrel__Endpoints__FunctionsProxy__Url"] = WorkerHttpUri.ToString().TrimEnd('/');

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker process.");
        var console = loggers.CreateLogger("Worker.Console");
        process.OutputDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) console.LogInformation("{Line}", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) console.LogWarning("{Line}", e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _logger.LogInformation("Worker process {Pid} started", process.Id);
        return process;
    }

    private void Announce()
    {
        var names = string.Join(", ", Functions.Select(function => function.Name));
        if (_announced)
        {
            _logger.LogInformation("Worker restarted: {Count} functions loaded ({Names})", Functions.Count, names);
            return;
        }

        _announced = true;
        var console = loggers.CreateLogger("Host");
        console.LogInformation("Host started: {Count} functions loaded ({Names})", Functions.Count, names);
        foreach (var route in HttpRoute.From(Functions, settings.RoutePrefix))
            console.LogInformation("{Function}: [{Methods}] http://127.0.0.1:{Port}/{Path}", route.Function.Name,
                route.Methods.Count == 0 ? "ALL" : string.Join(",", route.Methods), settings.Port, route.Template.TemplateText);
    }

    private void KillWorker()
    {
        try
        {
            if (_process is { HasExited: false })
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static void EnsureSuccess(StatusResult? result, string step)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
            throw new InvalidOperationException($"{step} failed: {(result is null ? "no response" : WorkerException.Reason(result))}");
    }

    private static IEnumerable<string> Words(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item!.GetValue<string>()).Where(word => word.Length > 0) : [];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The gRPC server's lifetime is driven by this supervisor, so it must not react to SIGTERM itself.
    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
