namespace LeadIntake.Storage.Queues;

/// <summary>A received message, leased until <see cref="NextVisibleOn"/>; delete it with <see cref="PopReceipt"/> when done.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="PopReceipt">The lease receipt for delete and update; replaced by every update.</param>
/// <param name="MessageText">The text, decoded per <see cref="QueueClientOptions.MessageEncoding"/>.</param>
/// <param name="DequeueCount">How often it has been received, this time included; drives poison handling.</param>
/// <param name="InsertedOn">When it was enqueued (UTC).</param>
/// <param name="ExpiresOn">When it expires (UTC).</param>
/// <param name="NextVisibleOn">When the lease ends and others can receive it (UTC).</param>
public sealed record QueueMessage(
    string MessageId, string PopReceipt, string MessageText, long DequeueCount,
    DateTimeOffset? InsertedOn, DateTimeOffset? ExpiresOn, DateTimeOffset? NextVisibleOn)
{
    /// <summary>The decoded bytes of the message.</summary>
    public BinaryData Body => BinaryData.FromString(MessageText);
}
