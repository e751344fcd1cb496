namespace LeadIntake.Functions.Endpoints;

/// <summary>The fields read from a lead request body, or why the body was refused.</summary>
/// <param name="Fields">Field name/value pairs in posted order; null when refused.</param>
/// <param name="FailureStatus">413, 415 or 400 when refused.</param>
/// <param name="FailureDetail">Human-readable reason when refused.</param>
public sealed record FormReadResult(IReadOnlyList<KeyValuePair<string, string?>>? Fields, int FailureStatus, string? FailureDetail)
{
    /// <summary>A body that was read.</summary>
    public static FormReadResult Read(IReadOnlyList<KeyValuePair<string, string?>> fields) => new(fields, 0, null);

    /// <summary>A refused body.</summary>
    public static FormReadResult Refused(int status, string detail) => new(null, status, detail);
}
