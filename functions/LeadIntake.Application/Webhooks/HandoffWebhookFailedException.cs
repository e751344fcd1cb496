namespace LeadIntake.Application.Webhooks;

/// <summary>The last attempt of a hand-off webhook delivery failed: the host retries it, then poisons the message.</summary>
/// <remarks>The message names the hand-off, the receiver's host and its answer only: never the URL, the secret or the body.</remarks>
public sealed class HandoffWebhookFailedException : Exception
{
    /// <summary>An exception for the failed last attempt <paramref name="attempt"/> of <paramref name="maxAttempts"/>.</summary>
    public HandoffWebhookFailedException(string handoffId, string receiverHost, int attempt, int maxAttempts, HandoffWebhookResponse response)
        : base($"Hand-off {handoffId}: webhook delivery to {receiverHost} failed on the last attempt ({attempt} of {maxAttempts}: {response}); " +
               "the host retries it, then moves it to the poison queue.")
    {
        HandoffId = handoffId;
        Response = response;
    }

    /// <summary>The hand-off whose delivery failed.</summary>
    public string HandoffId { get; }

    /// <summary>The receiver's answer on the last attempt, or why there was none.</summary>
    public HandoffWebhookResponse Response { get; }
}
