using System.Diagnostics;
using System.Security.Cryptography;
using LeadIntake.Testing;

namespace LeadIntake.Benchmarks;

/// <summary>The built function app running as its own process on a free loopback port, as <c>./run.sh</c> starts it.</summary>
internal sealed class FunctionApp : IDisposable
{
    private readonly Process _process;

    private FunctionApp(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static FunctionApp Start(string storageConnectionString, bool localQueueListener)
    {
        var port = LoopbackPorts.Free(1)[0];

        // The app is a project reference, so its assembly and runtimeconfig sit beside ours.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LeadIntake.Functions.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["AzureWebJobsStorage"] = storageConnectionString;
        start.Environment["LeadCaptureOptions__IdentitySecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["LocalQueueListener__Enabled"] = localQueueListener ? "true" : "false";
        start.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the function app");
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[app] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FunctionApp(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task WaitUntilReadyAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the function app exited with code {_process.ExitCode}");
            try
            {
                using var response = await http.GetAsync("/");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("the function app did not answer within 60 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
