using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LeadIntake.Testing;

/// <summary>A loopback TCP proxy in front of one port that can be cut off like an unreachable service and restored.</summary>
/// <remarks>
/// <para>
/// Listens on a free 127.0.0.1 port (<see cref="Port"/>) and forwards every connection, byte for byte in both directions,
/// to <c>127.0.0.1:</c>the target port. <see cref="Cut"/> is an outage as a client sees one: the listener closes, so new
/// connections are refused (ECONNREFUSED), and every live connection is reset (RST, not an orderly FIN), so a request in
/// flight fails with "connection reset" and a pooled connection is dead. <see cref="Restore"/> listens on the same port
/// again. The service behind the proxy keeps running and keeps its state, which a killed in-memory emulator would not.
/// </para>
/// <para>Thread-safe. Dispose stops listening and resets every connection.</para>
/// </remarks>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<long, (Socket Client, Socket Target)> _connections = new();
    private readonly object _gate = new();
    private TcpListener? _listener;
    private long _nextId;
    private bool _disposed;

    private TcpProxy(int port, int targetPort)
    {
        Port = port;
        _targetPort = targetPort;
    }

    /// <summary>The port the proxy listens on.</summary>
    public int Port { get; }

    /// <summary>True while cut off (between <see cref="Cut"/> and <see cref="Restore"/>).</summary>
    public bool IsCut
    {
        get
        {
            lock (_gate)
                return _listener is null;
        }
    }

    /// <summary>Connections accepted so far (a figure: shows the proxy was in use).</summary>
    public long AcceptedConnections => Interlocked.Read(ref _nextId);

    /// <summary>Starts a proxy on a free loopback port in front of <c>127.0.0.1:</c><paramref name="targetPort"/>.</summary>
    public static TcpProxy Start(int targetPort)
    {
        var proxy = new TcpProxy(LoopbackPorts.Free(1)[0], targetPort);
        proxy.Restore();
        return proxy;
    }

    /// <summary>Refuses new connections and resets every live one, until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        TcpListener? listener;
        lock (_gate)
        {
            listener = _listener;
            _listener = null;
        }

        listener?.Stop();
        foreach (var id in _connections.Keys)
        {
            if (_connections.TryRemove(id, out var connection))
                Reset(connection);
        }
    }

    /// <summary>Listens again on <see cref="Port"/> (nothing happens when already listening).</summary>
    /// <exception cref="ObjectDisposedException">The proxy was disposed.</exception>
    public void Restore()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_listener is not null)
                return;
            var listener = new TcpListener(IPAddress.Loopback, Port);
            // The port was just ours; connections the proxy closed may still be in TIME_WAIT on it.
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start(512);
            _listener = listener;
            _ = AcceptAsync(listener);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (_gate)
            _disposed = true;
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Cut: the listener was stopped.
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        client.NoDelay = true;
        var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var id = Interlocked.Increment(ref _nextId);
        var connection = (client, target);
        _connections[id] = connection;
        var orderly = false;
        try
        {
            await target.ConnectAsync(IPAddress.Loopback, _targetPort);
            if (IsCut)
                return; // Cut while connecting: this one must not get through.
            var upstream = PumpAsync(client, target);
            var downstream = PumpAsync(target, client);
            // One side reset or failed: reset the other too, or its peer would wait for an answer that never comes.
            orderly = await await Task.WhenAny(upstream, downstream) && await (upstream.IsCompleted ? downstream : upstream);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // The target refused, or Cut reset both while connecting.
        }
        finally
        {
            if (_connections.TryRemove(id, out _))
            {
                if (orderly)
                {
                    client.Dispose();
                    target.Dispose();
                }
                else
                {
                    Reset(connection);
                }
            }
        }
    }

    // Copies until the source closes (then half-closes the destination, so an orderly end stays orderly: true) or fails (false).
    private static async Task<bool> PumpAsync(Socket source, Socket destination)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await source.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                await destination.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            destination.Shutdown(SocketShutdown.Send);
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            return false; // Reset by either side or by Cut.
        }
    }

    // Linger 0: close sends RST, as a crashed server or a dropped route does, instead of an orderly FIN.
    private static void Reset((Socket Client, Socket Target) connection)
    {
        foreach (var socket in new[] { connection.Client, connection.Target })
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }

            socket.Dispose();
        }
    }
}
