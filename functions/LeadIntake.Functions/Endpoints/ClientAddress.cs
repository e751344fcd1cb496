using System.Net;

namespace LeadIntake.Functions.Endpoints;

/// <summary>Finds the caller's IP address as the worker's forwarded-headers processing established it.</summary>
/// <remarks>
/// In Azure the front end appends the caller's address to <c>X-Forwarded-For</c>, and the worker's ASP.NET Core
/// integration takes that last entry (ForwardLimit 1) as <see cref="ConnectionInfo.RemoteIpAddress"/>. Earlier entries
/// are whatever the client sent, so they are never trusted: a made-up first hop must not change whose address it is.
/// The value is only ever hashed (LeadIdentity.HashClientIp), never stored.
/// </remarks>
public static class ClientAddress
{
    /// <summary>The caller's address (IPv4-mapped IPv6 as IPv4), or null when the connection has none.</summary>
    public static string? Of(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;
}
