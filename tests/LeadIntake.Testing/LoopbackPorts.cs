using System.Net;
using System.Net.Sockets;

namespace LeadIntake.Testing;

/// <summary>Free TCP ports on 127.0.0.1, for private Azurite instances and app processes.</summary>
public static class LoopbackPorts
{
    /// <summary><paramref name="count"/> distinct ports that were free a moment ago.</summary>
    /// <remarks>Holds all listeners until every port is known, so the ports are distinct.</remarks>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }
}
