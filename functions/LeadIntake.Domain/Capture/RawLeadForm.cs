namespace LeadIntake.Domain.Capture;

/// <summary>A lead form exactly as posted: ordered field name/value pairs, whatever the content type was.</summary>
/// <remarks>
/// Names may repeat (a hidden "false" before a checkbox, a multi-select); the parser decides what repeats mean.
/// Nothing is trimmed or validated here: that is <see cref="LeadSubmissionParser"/>'s job.
/// </remarks>
public sealed class RawLeadForm
{
    /// <summary>Creates a form from posted pairs, in posting order.</summary>
    public RawLeadForm(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = [.. fields];
    }

    /// <summary>The posted pairs in posting order.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Fields { get; }

    /// <summary>Creates a form from name/value tuples (handy for JSON bodies and tests).</summary>
    public static RawLeadForm From(params (string Name, string? Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value)));
}
