using Azure;

namespace LeadIntake.Storage;

/// <summary>Recognises a failed storage call, however the Azure SDK reports it.</summary>
/// <remarks>
/// The SDK throws <see cref="RequestFailedException"/> for a failed answer, and an <see cref="AggregateException"/> of
/// them (status 0) once every retry of an unreachable service has failed. Catch sites branch on the result's
/// <see cref="RequestFailedException.Status"/> and <see cref="RequestFailedException.ErrorCode"/>.
/// </remarks>
public static class StorageFailure
{
    /// <summary>The storage failure <paramref name="exception"/> stands for (the last attempt's), or null when it is something else.</summary>
    public static RequestFailedException? Of(Exception exception) => exception switch
    {
        RequestFailedException failure => failure,
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => inner is RequestFailedException) =>
            (RequestFailedException)aggregate.InnerExceptions[^1],
        _ => null,
    };
}
