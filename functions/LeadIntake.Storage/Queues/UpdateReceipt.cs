namespace LeadIntake.Storage.Queues;

/// <summary>The new lease of an updated message: the old pop receipt no longer works.</summary>
/// <param name="PopReceipt">The new pop receipt.</param>
/// <param name="NextVisibleOn">When the message becomes visible again (UTC).</param>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
