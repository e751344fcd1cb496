namespace LeadIntake.Domain.Capture;

/// <summary>Thrown when a <c>lead-captured</c> queue message cannot be turned into a valid submission.</summary>
/// <remarks>The trigger lets it propagate, so the host retries the message and then moves it to the poison queue.</remarks>
public sealed class MalformedMessageException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public MalformedMessageException(MalformedMessageReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Which check failed.</summary>
    public MalformedMessageReason Reason { get; }
}
