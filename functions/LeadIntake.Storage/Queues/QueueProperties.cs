namespace LeadIntake.Storage.Queues;

/// <summary>Queue properties.</summary>
/// <param name="ApproximateMessagesCount">Messages in the queue, visible or not; approximate by the service's definition.</param>
/// <param name="Metadata">The queue's metadata (<c>x-ms-meta-*</c>).</param>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);
