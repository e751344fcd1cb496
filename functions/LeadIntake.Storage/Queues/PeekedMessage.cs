namespace LeadIntake.Storage.Queues;

/// <summary>A message looked at without receiving it: no pop receipt, visibility and dequeue count unchanged.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="MessageText">The text, decoded per <see cref="QueueClientOptions.MessageEncoding"/>.</param>
/// <param name="DequeueCount">How often it has been received.</param>
/// <param name="InsertedOn">When it was enqueued (UTC).</param>
/// <param name="ExpiresOn">When it expires (UTC).</param>
public sealed record PeekedMessage(string MessageId, string MessageText, long DequeueCount, DateTimeOffset? InsertedOn, DateTimeOffset? ExpiresOn)
{
    /// <summary>The decoded bytes of the message.</summary>
    public BinaryData Body => BinaryData.FromString(MessageText);
}
