namespace LeadIntake.Functions.Endpoints;

/// <summary>The fields read from a lead request body, or why the body was refused, or that the client left.</summary>
/// <param name="Fields">Field name/value pairs in posted order; null when refused or the client is gone.</param>
/// <param name="FailureStatus">
/// 413, 415 or 400 (or another 4xx the server gave the framing error) when refused;
/// <see cref="ClientClosedRequestStatus"/> when the client is gone; 0 when read.
/// </param>
/// <param name="FailureDetail">Human-readable reason when refused or gone (one sentence, never a stack trace).</param>
/// <remarks>
/// Check <see cref="IsClientGone"/> before answering a refusal: nobody is there to receive it, so log one
/// information line and write nothing.
/// </remarks>
public sealed record FormReadResult(IReadOnlyList<KeyValuePair<string, string?>>? Fields, int FailureStatus, string? FailureDetail)
{
    /// <summary>
    /// 499, "client closed request": nginx's convention for a client that disconnected before the answer. Never sent
    /// (there is no one to send it to); it only marks <see cref="ClientGone"/> in logs and metrics.
    /// </summary>
    public const int ClientClosedRequestStatus = 499;

    /// <summary>The client disconnected (or reset the connection) before the body was read.</summary>
    public static FormReadResult ClientGone { get; } =
        new(null, ClientClosedRequestStatus, "The client closed the connection before the request body was read.");

    /// <summary>True for <see cref="ClientGone"/>: answer nothing.</summary>
    public bool IsClientGone => FailureStatus == ClientClosedRequestStatus;

    /// <summary>A body that was read.</summary>
    public static FormReadResult Read(IReadOnlyList<KeyValuePair<string, string?>> fields) => new(fields, 0, null);

    /// <summary>A refused body.</summary>
    public static FormReadResult Refused(int status, string detail) => new(null, status, detail);
}
