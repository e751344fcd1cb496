namespace LeadIntake.Domain.Capture;

/// <summary>What the capture endpoint knows about a request besides its form fields.</summary>
/// <param name="ReceivedAt">When the request arrived (from the injected clock; converted to UTC).</param>
/// <param name="UserAgent">The User-Agent header, if any.</param>
/// <param name="Referer">The Referer header, if any: usually the page the form sits on.</param>
/// <param name="ClientIp">The client address; only its keyed hash is kept, never the address itself.</param>
public sealed record CaptureContext(DateTimeOffset ReceivedAt, string? UserAgent, string? Referer, string? ClientIp);
