using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LeadIntake.Testing;

/// <summary>A running local Functions host (<c>infra/LeadIntake.LocalHost</c>) serving an isolated-worker app, for end-to-end tests.</summary>
/// <remarks>
/// Starts <c>dotnet LeadIntake.LocalHost.dll --script-root &lt;app output&gt; --port &lt;free&gt;</c> with the given settings
/// as environment variables (they override any local.settings.json), plus a function key and a master key it knows.
/// <see cref="StartAsync"/> returns once <c>/admin/host/status</c> says Running. Host and worker output is captured
/// (<see cref="Output"/>) and included in every failure message. <see cref="DisposeAsync"/> sends SIGTERM and kills the
/// process tree if it has not exited after 30 s. Builds are found in the configuration the test assembly was built
/// with (<see cref="Configuration"/>), so the host and the app must be built first (a ProjectReference with
/// <c>ReferenceOutputAssembly="false"</c> does that). Thread-safe.
/// </remarks>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    private static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalFunctionsHost(Process process, Uri baseAddress, string functionKey, string masterKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        FunctionKey = functionKey;
        MasterKey = masterKey;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The build configuration of the running tests (Debug or Release), read from the test assembly's output path.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The local host's built dll in <see cref="Configuration"/>.</summary>
    public static string HostAssembly => Path.Combine(BuildOutput("infra/LeadIntake.LocalHost"), "LeadIntake.LocalHost.dll");

    /// <summary>Where the host serves HTTP, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The key <c>function</c>-level routes accept (passed to the host as <c>LocalHost__FunctionKey</c>).</summary>
    public string FunctionKey { get; }

    /// <summary>The master key (passed as <c>LocalHost__MasterKey</c>): admin routes and every function accept it.</summary>
    public string MasterKey { get; }

    /// <summary>A client for <see cref="BaseAddress"/> without any key; owned by this host.</summary>
    public HttpClient Client { get; }

    /// <summary>Everything host and worker wrote so far (the worker's logs reach the host as RpcLog).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>The host's exit code once it has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The process id of the newest worker, from the host's "Worker process N started" line.</summary>
    /// <exception cref="InvalidOperationException">No worker has been started.</exception>
    public int WorkerProcessId
    {
        get
        {
            var started = WorkerStartedLine().Matches(Output);
            return started.Count > 0
                ? int.Parse(started[^1].Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"The host has not started a worker.{Environment.NewLine}{Output}");
        }
    }

    /// <summary>The build output folder (<c>bin/&lt;Configuration&gt;/net10.0</c>) of a project, by its folder under the repository root.</summary>
    public static string BuildOutput(string projectFolder) =>
        Path.Combine(RepositoryPaths.Root, projectFolder, "bin", Configuration, "net10.0");

    /// <summary>Starts a host for the app in <paramref name="scriptRoot"/> and waits until it is Running.</summary>
    /// <param name="scriptRoot">The worker app's build output (worker.config.json, functions.metadata, host.json).</param>
    /// <param name="settings">App settings for host and worker, as environment variables (<c>A__B</c> for <c>A:B</c>).</param>
    /// <param name="readyTimeout">How long to wait for Running; 60 s by default.</param>
    /// <exception cref="InvalidOperationException">The host exited, or is not built.</exception>
    /// <exception cref="TimeoutException">It was not Running in time; the message holds its output.</exception>
    public static async Task<LocalFunctionsHost> StartAsync(string scriptRoot, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? readyTimeout = null)
    {
        if (!File.Exists(HostAssembly))
            throw new InvalidOperationException($"The local host is not built at {HostAssembly}; build infra/LeadIntake.LocalHost -c {Configuration}.");
        if (!File.Exists(Path.Combine(scriptRoot, "worker.config.json")))
            throw new InvalidOperationException($"{scriptRoot} is not a built worker app (no worker.config.json).");

        var port = LoopbackPorts.Free(1)[0];
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = scriptRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { HostAssembly, "--script-root", scriptRoot, "--port", port.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        var functionKey = NewKey();
        var masterKey = NewKey();
        start.Environment["LocalHost__FunctionKey"] = functionKey;
        start.Environment["LocalHost__MasterKey"] = masterKey;
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        if (settings?.TryGetValue("LocalHost__FunctionKey", out var givenFunctionKey) == true)
            functionKey = givenFunctionKey;
        if (settings?.TryGetValue("LocalHost__MasterKey", out var givenMasterKey) == true)
            masterKey = givenMasterKey;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet for the local host.");
        var host = new LocalFunctionsHost(process, new Uri($"http://127.0.0.1:{port}/"), functionKey, masterKey);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilRunningAsync(readyTimeout ?? DefaultReadyTimeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>A request carrying the master key.</summary>
    public HttpRequestMessage AdminRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", MasterKey);
        return request;
    }

    /// <summary>Polls <c>/admin/host/status</c> until its state is Running.</summary>
    /// <exception cref="InvalidOperationException">The host exited.</exception>
    /// <exception cref="TimeoutException">Not Running within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilRunningAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        string? last = null;
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The local host exited with code {_process.ExitCode}.{Environment.NewLine}{Output}");
            try
            {
                using var response = await Client.SendAsync(AdminRequest(HttpMethod.Get, "admin/host/status"));
                if (response.IsSuccessStatusCode)
                {
                    var status = await response.Content.ReadFromJsonAsync<JsonElement>();
                    last = status.GetProperty("state").GetString();
                    if (last == "Running")
                        return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The local host was not Running within {timeout.TotalSeconds} s (last state: {last ?? "no answer"}).{Environment.NewLine}{Output}");
    }

    /// <summary>Waits until <see cref="Output"/> contains <paramref name="text"/>.</summary>
    /// <exception cref="TimeoutException">It did not appear in time; the message holds the output.</exception>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"'{text}' did not appear in the host output within {timeout.TotalSeconds} s.{Environment.NewLine}{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the current worker process (a crash, as far as the host can tell) and returns its id.</summary>
    public int KillWorker()
    {
        var pid = WorkerProcessId;
        using var worker = Process.GetProcessById(pid);
        worker.Kill(entireProcessTree: true);
        worker.WaitForExit();
        return pid;
    }

    /// <summary>Kills the host and its worker at once (a crash: no shutdown code runs) and waits for the exit.</summary>
    public void Kill()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM (Ctrl-C on Windows is not supported: the host is killed there) and waits for the exit.</summary>
    /// <returns>The exit code, or null if the host had to be killed after <paramref name="timeout"/>.</returns>
    public async Task<int?> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
            return _process.ExitCode;
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            _ = Kill(_process.Id, SigTerm);
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(StopTimeout);
        }
        finally
        {
            Client.Dispose();
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Worker process (\d+) started")]
    private static partial Regex WorkerStartedLine();
}
