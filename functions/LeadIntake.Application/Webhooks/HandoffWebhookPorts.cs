namespace LeadIntake.Application.Webhooks;

/// <summary>The <c>handoff-webhook</c> queue: deliveries waiting to be POSTed.</summary>
public interface IHandoffWebhookQueue
{
    /// <summary>Queues <paramref name="delivery"/>, invisible for <paramref name="delay"/>; returns once the queue accepted it.</summary>
    /// <param name="delivery">The delivery attempt to queue.</param>
    /// <param name="delay">How long the message stays invisible (the back-off); zero for at once. The queue counts whole seconds, rounded up.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task SendAsync(HandoffWebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>Sends one webhook POST.</summary>
public interface IHandoffWebhookSender
{
    /// <summary>POSTs <paramref name="request"/> once, within the configured timeout, without following redirects.</summary>
    /// <returns>The receiver's status code, or why there was none (timeout, refused connection, …); never throws for those.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (the invocation is stopping).</exception>
    Task<HandoffWebhookResponse> PostAsync(HandoffWebhookRequest request, CancellationToken cancellationToken);
}

/// <summary>One signed webhook POST.</summary>
/// <param name="Url">Where to POST; a secret (never logged).</param>
/// <param name="Body">The JSON body, sent as UTF-8 with <c>Content-Type: application/json</c>.</param>
/// <param name="Headers">Further request headers: the signature and the delivery id.</param>
public sealed record HandoffWebhookRequest(Uri Url, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>How a webhook POST ended.</summary>
/// <param name="StatusCode">The receiver's HTTP status code, or null when there was no answer.</param>
/// <param name="Failure">Why there was no answer (<c>timed out after 10 s</c>, <c>ConnectionError</c>, …), or null. Names no URL.</param>
public sealed record HandoffWebhookResponse(int? StatusCode, string? Failure)
{
    /// <summary>True for a 2xx answer: delivered.</summary>
    public bool IsSuccess => StatusCode is >= 200 and <= 299;

    /// <summary>An answer with <paramref name="statusCode"/>.</summary>
    public static HandoffWebhookResponse Answered(int statusCode) => new(statusCode, null);

    /// <summary>No answer, because of <paramref name="failure"/>.</summary>
    public static HandoffWebhookResponse NoAnswer(string failure) => new(null, failure);

    /// <summary>For logs: <c>HTTP 500</c>, or the failure.</summary>
    public override string ToString() => StatusCode is { } status ? $"HTTP {status}" : Failure ?? "no answer";
}
