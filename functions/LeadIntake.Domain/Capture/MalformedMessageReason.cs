namespace LeadIntake.Domain.Capture;

/// <summary>Why a queue message could not be read.</summary>
public enum MalformedMessageReason
{
    /// <summary>The text is not JSON of the expected shape.</summary>
    InvalidJson,

    /// <summary>The message has no version or one this build does not read.</summary>
    UnsupportedVersion,

    /// <summary>The JSON is well-formed but the submission fails capture validation.</summary>
    InvalidSubmission,
}
