using System.Net;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Finds the caller's IP address: the first hop of <c>X-Forwarded-For</c>, else the connection's address.</summary>
/// <remarks>
/// Behind Azure's front ends and the Functions host's proxy the connection comes from a proxy, so the first
/// forwarded hop is the browser. The value is only ever hashed (LeadIdentity.HashClientIp), never stored, so a
/// spoofed header can only change a hash.
/// </remarks>
public static class ClientAddress
{
    /// <summary>The caller's address as text (no port), or null when unknown.</summary>
    public static string? Of(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var firstHop = forwarded.Split(',', 2)[0].Trim();
            // Azure front ends send "ip:port"; IPv6 with a port comes as "[::1]:443".
            if (IPAddress.TryParse(firstHop, out var address) || (IPEndPoint.TryParse(firstHop, out var endPoint) && (address = endPoint.Address) is not null))
                return address.ToString();
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }
}
