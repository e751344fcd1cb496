using System.Globalization;

namespace LeadIntake.Testing;

/// <summary>A <see cref="TcpProxy"/> in front of each of a local Azurite's three services, for storage outages that keep its data.</summary>
/// <remarks>
/// Give the app under test <see cref="ConnectionString"/> (the same account, its endpoints on the proxies' ports) and keep
/// reading storage through the original connection string: <see cref="Cut"/> makes storage unreachable for the app only,
/// and Azurite's in-memory data survives, which killing the emulator would throw away. Thread-safe.
/// </remarks>
public sealed class StorageProxy : IAsyncDisposable
{
    private static readonly string[] EndpointKeys = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];

    private readonly IReadOnlyList<TcpProxy> _proxies;

    private StorageProxy(IReadOnlyList<TcpProxy> proxies, string connectionString)
    {
        _proxies = proxies;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string through the proxies.</summary>
    public string ConnectionString { get; }

    /// <summary>Connections the three proxies accepted so far.</summary>
    public long AcceptedConnections => _proxies.Sum(proxy => proxy.AcceptedConnections);

    /// <summary>Starts the three proxies in front of the loopback endpoints of <paramref name="connectionString"/>.</summary>
    /// <exception cref="ArgumentException">An endpoint is missing or not an <c>http://127.0.0.1:port/…</c> address.</exception>
    public static StorageProxy Start(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split('=', 2)).ToList();
        var proxies = new List<TcpProxy>();
        var rewritten = new List<string>();
        foreach (var part in parts)
        {
            if (part.Length == 2 && EndpointKeys.Contains(part[0], StringComparer.OrdinalIgnoreCase))
            {
                var endpoint = new Uri(part[1]);
                if (!endpoint.IsLoopback)
                    throw new ArgumentException($"{part[0]} {endpoint} is not a loopback address; the proxy forwards to 127.0.0.1 only.", nameof(connectionString));
                var proxy = TcpProxy.Start(endpoint.Port);
                proxies.Add(proxy);
                rewritten.Add($"{part[0]}={new UriBuilder(endpoint) { Host = "127.0.0.1", Port = proxy.Port }.Uri}");
            }
            else
            {
                rewritten.Add(string.Join('=', part));
            }
        }

        if (proxies.Count != EndpointKeys.Length)
        {
            proxies.ForEach(proxy => proxy.Cut());
            throw new ArgumentException($"The connection string must name {string.Join(", ", EndpointKeys)}; found {proxies.Count.ToString(CultureInfo.InvariantCulture)} of them.", nameof(connectionString));
        }

        return new StorageProxy(proxies, string.Join(';', rewritten) + ";");
    }

    /// <summary>Storage down: every service refuses new connections and resets live ones (see <see cref="TcpProxy.Cut"/>).</summary>
    public void Cut()
    {
        foreach (var proxy in _proxies)
            proxy.Cut();
    }

    /// <summary>Storage back: every service accepts connections again.</summary>
    public void Restore()
    {
        foreach (var proxy in _proxies)
            proxy.Restore();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _proxies)
            await proxy.DisposeAsync();
    }
}
