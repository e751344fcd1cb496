using LeadIntake.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>How a background job logs a failed attempt: storage being down in one line, anything else with its exception.</summary>
/// <remarks>
/// Storage that cannot be reached is an expected event, retried on the next tick; its stack trace says nothing its status
/// and code do not, so it is logged as <see cref="Middleware.StorageFailureMiddleware"/> and <see cref="StorageInitializer"/>
/// log it. Any other exception is a bug to diagnose and keeps its stack trace.
/// </remarks>
internal static class StorageFailureLog
{
    /// <summary>The exception to pass to the logger: null for a storage failure, else <paramref name="exception"/> itself.</summary>
    public static Exception? ExceptionOf(Exception exception) => StorageFailure.Of(exception) is null ? exception : null;

    /// <summary>What went wrong, in one line: <c>storage 0 (no code): Connection refused (…)</c>, or the exception's type.</summary>
    public static string Summary(Exception exception)
    {
        if (StorageFailure.Of(exception) is not { } failure)
            return exception.GetType().Name;
        var message = failure.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return $"storage {failure.Status} {failure.ErrorCode ?? "(no code)"}: {(end < 0 ? message : message[..end])}";
    }
}
