namespace LeadIntake.Application.Webhooks;

/// <summary>The DeliverHandoffWebhook use case: POST one queued hand-off, signed, to the webhook; back off and re-queue on failure.</summary>
/// <remarks>
/// <para>
/// A 2xx answer is delivered. Anything else (another status, a timeout, a refused connection) before the last attempt
/// queues the same delivery again as attempt + 1, invisible for <see cref="RetryDelay"/>, and returns normally: that is
/// the back-off, and the queue trigger deletes the message it was given. On attempt
/// <see cref="HandoffWebhookOptions.WebhookMaxAttempts"/> a failure throws, so the host retries that attempt
/// (<c>maxDequeueCount</c> times) and then moves the message to the poison queue, where it can be inspected and replayed.
/// </para>
/// <para>
/// Every attempt is signed at the time it is sent (<see cref="HandoffWebhookSigner"/>). Results and exceptions name the
/// hand-off, the receiver's host and the status only: never the URL (Slack and Teams URLs are secrets), the secret or
/// the body (personal data). Thread-safe.
/// </para>
/// </remarks>
public sealed class DeliverHandoffWebhook(
    HandoffWebhookOptions options, IHandoffWebhookSender sender, IHandoffWebhookQueue queue, TimeProvider timeProvider)
{
    // Null when the webhook is off (or, past the start-up validation, could not work): a delivery then cannot be sent.
    private readonly (Uri Url, HandoffWebhookSigner Signer)? _target =
        options.IsEnabled && !string.IsNullOrEmpty(options.WebhookSecret) && Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var url)
            ? (url, new HandoffWebhookSigner(options.WebhookSecret))
            : null;

    /// <summary>Sends one delivery attempt.</summary>
    /// <exception cref="InvalidOperationException">The webhook is not configured (<see cref="HandoffWebhookOptions.WebhookUrl"/> unset): the message is kept, through the poison queue, for a replay.</exception>
    /// <exception cref="HandoffWebhookFailedException">The last attempt failed.</exception>
    public async Task<DeliverHandoffWebhookResult> RunAsync(HandoffWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (_target is not { } target)
        {
            throw new InvalidOperationException(
                $"Hand-off {delivery.HandoffId}: {HandoffWebhookOptions.SectionName}:WebhookUrl is not set, so the queued webhook delivery cannot be sent; it is kept for a replay.");
        }

        var (url, signer) = target;
        var request = new HandoffWebhookRequest(url, delivery.Body, new Dictionary<string, string>
        {
            [HandoffWebhookSigner.SignatureHeader] = signer.Sign(delivery.Body, timeProvider.GetUtcNow()),
            [HandoffWebhookSigner.DeliveryHeader] = delivery.HandoffId,
        });
        var response = await sender.PostAsync(request, cancellationToken);
        var maxAttempts = options.WebhookMaxAttempts;
        if (response.IsSuccess)
            return new DeliverHandoffWebhookResult(delivery.HandoffId, url.Host, delivery.Attempt, maxAttempts, response, null);

        if (delivery.Attempt >= maxAttempts)
            throw new HandoffWebhookFailedException(delivery.HandoffId, url.Host, delivery.Attempt, maxAttempts, response);

        var delay = RetryDelay(delivery.Attempt);
        await queue.SendAsync(delivery.NextAttempt(), delay, cancellationToken);
        return new DeliverHandoffWebhookResult(delivery.HandoffId, url.Host, delivery.Attempt, maxAttempts, response, delay);
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: base delay × 2^(attempt − 1), at most <see cref="HandoffWebhookOptions.MaxRetryDelay"/>.</summary>
    /// <remarks>With the defaults (10 s, 8 attempts): 10 s, 20 s, 40 s, 80 s, 160 s, 320 s, 600 s — the 8th attempt about 20.5 minutes after the first.</remarks>
    public TimeSpan RetryDelay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var cap = HandoffWebhookOptions.MaxRetryDelay;
        var delay = options.WebhookRetryBaseDelay;
        for (var doubled = 1; doubled < attempt && delay > TimeSpan.Zero && delay < cap; doubled++)
            delay *= 2;
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay < cap ? delay : cap;
    }
}

/// <summary>What one run of <see cref="DeliverHandoffWebhook"/> did, for the invocation log (no URL, secret or body).</summary>
/// <param name="HandoffId">The hand-off delivered.</param>
/// <param name="ReceiverHost">The webhook URL's host name only.</param>
/// <param name="Attempt">Which attempt this was.</param>
/// <param name="MaxAttempts">The configured number of attempts.</param>
/// <param name="Response">The receiver's answer, or why there was none.</param>
/// <param name="NextAttemptIn">When the attempt failed: the back-off before the re-queued next attempt; null when delivered.</param>
public sealed record DeliverHandoffWebhookResult(
    string HandoffId, string ReceiverHost, int Attempt, int MaxAttempts, HandoffWebhookResponse Response, TimeSpan? NextAttemptIn)
{
    /// <summary>True when the receiver answered 2xx.</summary>
    public bool Delivered => Response.IsSuccess;

    /// <summary>One readable line for the invocation log.</summary>
    public override string ToString() => Delivered
        ? $"hand-off {HandoffId}: webhook delivered to {ReceiverHost} on attempt {Attempt} of {MaxAttempts} ({Response})"
        : $"hand-off {HandoffId}: webhook delivery to {ReceiverHost} failed on attempt {Attempt} of {MaxAttempts} ({Response}); attempt {Attempt + 1} queued in {NextAttemptIn:c}";
}
