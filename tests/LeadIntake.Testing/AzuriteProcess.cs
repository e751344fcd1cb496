using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LeadIntake.Testing;

/// <summary>A running private Azurite (in memory, three free loopback ports); disposing kills its process tree.</summary>
/// <remarks>
/// Runs <c>node &lt;repo&gt;/node_modules/azurite/dist/src/azurite.js</c>; the repo root is found by walking up from the
/// test binaries to <c>LeadIntake.sln</c>. <see cref="StartAsync"/> returns once all three ports accept connections.
/// Most tests want <see cref="AzuriteFixture"/>; use this directly for an instance with extra options (HTTPS, OAuth).
/// </remarks>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    // Azurite's well-known development account (published in its README; not a secret).
    private const string DevelopmentAccountName = "devstoreaccount1";
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AzuriteProcess(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    /// <summary>Connection string for the well-known development account on this instance's ports.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts Azurite and waits until it listens.</summary>
    /// <param name="extraArguments">More Azurite options, e.g. <c>--oauth basic --cert … --key …</c>.</param>
    /// <param name="scheme"><c>http</c>, or <c>https</c> when <paramref name="extraArguments"/> give a certificate.</param>
    /// <exception cref="InvalidOperationException">Azurite is not installed or exited.</exception>
    /// <exception cref="TimeoutException">It did not listen within 30 s.</exception>
    public static async Task<AzuriteProcess> StartAsync(IEnumerable<string>? extraArguments = null, string scheme = "http")
    {
        var script = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed at {script}; run 'npm ci' in the repository root.");

        var ports = LoopbackPorts.Free(3);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments =
        [
            script, "--inMemoryPersistence", "--disableTelemetry", "--silent", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", Text(ports[0]),
            "--queueHost", "127.0.0.1", "--queuePort", Text(ports[1]),
            "--tableHost", "127.0.0.1", "--tablePort", Text(ports[2]),
        ];
        foreach (var argument in arguments.Concat(extraArguments ?? []))
            start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var azurite = new AzuriteProcess(process, DevelopmentConnectionString(scheme, ports[0], ports[1], ports[2]));
        process.OutputDataReceived += (_, e) => azurite.Append(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await azurite.WaitForPortsAsync(ports);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        return azurite;
    }

    /// <summary>A well-formed development connection string whose three endpoints are loopback ports nobody listens on.</summary>
    /// <remarks>For "storage down" tests: connections are refused at once. The ports were free a moment ago.</remarks>
    public static string UnreachableConnectionString()
    {
        var ports = LoopbackPorts.Free(3);
        return DevelopmentConnectionString("http", ports[0], ports[1], ports[2]);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitForPortsAsync(int[] ports)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        foreach (var port in ports)
        {
            while (true)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {Output()}");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(50, CancellationToken.None);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"Azurite did not listen on port {port} within {StartTimeout.TotalSeconds} s: {Output()}");
                }
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    private static string DevelopmentConnectionString(string scheme, int blobPort, int queuePort, int tablePort)
    {
        return $"DefaultEndpointsProtocol={scheme};AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey}"
            + $";BlobEndpoint={scheme}://127.0.0.1:{blobPort}/{DevelopmentAccountName}"
            + $";QueueEndpoint={scheme}://127.0.0.1:{queuePort}/{DevelopmentAccountName}"
            + $";TableEndpoint={scheme}://127.0.0.1:{tablePort}/{DevelopmentAccountName};";
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
