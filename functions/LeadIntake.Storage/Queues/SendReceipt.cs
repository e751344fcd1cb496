namespace LeadIntake.Storage.Queues;

/// <summary>What the service answers when it accepted a message.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="InsertionTime">When the message was enqueued (UTC).</param>
/// <param name="ExpirationTime">When it expires unless deleted (UTC; year 9999 for "never").</param>
/// <param name="PopReceipt">Receipt that allows deleting or updating it before anyone receives it.</param>
/// <param name="TimeNextVisible">When it becomes visible to receivers (UTC).</param>
public sealed record SendReceipt(
    string MessageId, DateTimeOffset InsertionTime, DateTimeOffset ExpirationTime, string PopReceipt, DateTimeOffset TimeNextVisible);
