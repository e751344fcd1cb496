using System.Security.Cryptography;
using System.Text;
using LeadIntake.Domain.Capture;
using LeadIntake.Storage;
using LeadIntake.Testing;

namespace LeadIntake.Hardening;

/// <summary>A private in-memory Azurite and the real worker under the local Functions host, as <c>./run.sh</c> runs them.</summary>
/// <remarks>
/// The app gets the suite's identity secret (so receipts can be checked against <see cref="Identity"/>), the SLA and
/// funnel schedules, no rate limits (the suite posts from one address at hundreds per second) and warnings-only logs.
/// A scenario changes any setting, including the storage connection the app uses (e.g. a proxy in front of Azurite),
/// through <c>configure</c>; the suite itself always reads storage through <see cref="Azurite"/> directly.
/// </remarks>
public sealed class HardeningApp : IAsyncDisposable
{
    /// <summary>The identity secret the app runs with: what no response and no log line may contain.</summary>
    public static readonly string IdentitySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly Dictionary<string, string> _settings;

    private HardeningApp(AzuriteFixture azurite, Dictionary<string, string> settings, LocalFunctionsHost host)
    {
        Azurite = azurite;
        _settings = settings;
        Host = host;
    }

    /// <summary>The app's identity (same secret), so lead ids agree with the app's.</summary>
    public static LeadIdentity Identity { get; } = new(Convert.FromBase64String(IdentitySecret));

    /// <summary>The worker app's build output, as the host runs it.</summary>
    public static string AppOutput => LocalFunctionsHost.BuildOutput("functions/LeadIntake.Functions");

    /// <summary>The private Azurite, for checking what was stored.</summary>
    public AzuriteFixture Azurite { get; }

    /// <summary>The running host (a new one after <see cref="KillAndRestartHostAsync"/>).</summary>
    public LocalFunctionsHost Host { get; private set; }

    /// <summary>The settings the host was started with (environment variable names).</summary>
    public IReadOnlyDictionary<string, string> Settings => _settings;

    /// <summary>Starts Azurite, then the host, and waits until the app has created its queues and tables.</summary>
    /// <param name="configure">Changes the default settings before the host starts.</param>
    /// <param name="seed">Writes to storage before the host starts (e.g. a Forms row the app must see from its first request).</param>
    public static async Task<HardeningApp> StartAsync(Action<Dictionary<string, string>>? configure = null, Func<AzuriteFixture, Task>? seed = null)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            if (seed is not null)
                await seed(azurite);
            var settings = new Dictionary<string, string>
            {
                [StorageNames.Connection] = azurite.ConnectionString,
                ["LeadCaptureOptions__IdentitySecret"] = IdentitySecret,
                ["LeadCaptureOptions__MaxPerAddressPerHour"] = "100000000",
                ["LeadCaptureOptions__MaxPerFormPerMinute"] = "100000000",
                ["SlaCheckSchedule"] = "0 * * * * *",
                ["FunnelRebuildSchedule"] = "0 * * * * *",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__LeadIntake.Functions.Hosting.StorageInitializer"] = "Information", // "Storage ready"
            };
            configure?.Invoke(settings);
            return new HardeningApp(azurite, settings, await StartHostAsync(settings));
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the host gracefully (SIGTERM), changes its settings and starts a new one with the same keys.</summary>
    public async Task RestartHostAsync(Action<Dictionary<string, string>> change)
    {
        await Host.DisposeAsync();
        change(_settings);
        Host = await StartHostAsync(WithKeys(_settings));
    }

    /// <summary>Kills the host and its worker (a crash: no shutdown runs) and starts a new host with the same settings and keys.</summary>
    public async Task KillAndRestartHostAsync()
    {
        Host.Kill();
        await Host.DisposeAsync();
        Host = await StartHostAsync(WithKeys(_settings));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.DisposeAsync();
        }
        finally
        {
            await Azurite.DisposeAsync();
        }
    }

    // A new host keeps the old one's keys, so clients holding them go on working.
    private Dictionary<string, string> WithKeys(Dictionary<string, string> settings) => new(settings)
    {
        ["LocalHost__FunctionKey"] = Host.FunctionKey,
        ["LocalHost__MasterKey"] = Host.MasterKey,
    };

    private static async Task<LocalFunctionsHost> StartHostAsync(IReadOnlyDictionary<string, string> settings)
    {
        var host = await LocalFunctionsHost.StartAsync(AppOutput, settings);
        await host.WaitForOutputAsync("Storage ready", TimeSpan.FromSeconds(60));
        return host;
    }
}
