namespace LeadIntake.Functions.Hosting;

/// <summary>A queue-triggered function as the local listener runs it: its name, its queue and its step.</summary>
/// <param name="Name">Function name (the function.json folder), used in logs.</param>
/// <param name="QueueName">Queue the function is triggered by.</param>
/// <param name="RunAsync">The step, given the decoded message text; throwing fails the attempt.</param>
public sealed record QueueFunction(string Name, string QueueName, Func<string, CancellationToken, Task> RunAsync);
