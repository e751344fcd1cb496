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

    /// <summary>
    /// The last non-blank value posted for <paramref name="name"/>, trimmed: a known field under any of its spellings
    /// (<c>form_id</c> and <c>FormId</c> for <see cref="LeadFieldNames.FormId"/>), any other name (a control field such as
    /// <c>_token</c>) as posted, ignoring case. Null when there is none.
    /// </summary>
    public string? Last(string name)
    {
        var isKnown = LeadFormFields.TryResolve(name, out var field);
        for (var i = Fields.Count - 1; i >= 0; i--)
        {
            var (posted, value) = (Fields[i].Key?.Trim() ?? "", Fields[i].Value);
            var matches = isKnown
                ? LeadFormFields.TryResolve(posted, out var postedField) && postedField == field
                : string.Equals(posted, name, StringComparison.OrdinalIgnoreCase);
            if (matches && !string.IsNullOrWhiteSpace(value))
                return value.Trim();
        }

        return null;
    }

    /// <summary>Creates a form from name/value tuples (handy for JSON bodies and tests).</summary>
    public static RawLeadForm From(params (string Name, string? Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value)));
}
