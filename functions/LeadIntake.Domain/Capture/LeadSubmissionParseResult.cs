using System.Diagnostics.CodeAnalysis;

namespace LeadIntake.Domain.Capture;

/// <summary>The outcome of parsing a form: a submission, or errors keyed by the field names the client posted.</summary>
public sealed class LeadSubmissionParseResult
{
    private LeadSubmissionParseResult(LeadSubmission? value, IDictionary<string, string[]> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>True when the form was acceptable; <see cref="Value"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;

    /// <summary>The submission, when valid.</summary>
    public LeadSubmission? Value { get; }

    /// <summary>
    /// Messages per posted field name (e.g. "email", "first_name"), ready for a validation problem response.
    /// Problems with the form as a whole are under <see cref="LeadSubmissionParser.FormErrorKey"/>. Empty when valid.
    /// </summary>
    public IDictionary<string, string[]> Errors { get; }

    internal static LeadSubmissionParseResult Valid(LeadSubmission value) =>
        new(value, new Dictionary<string, string[]>());

    internal static LeadSubmissionParseResult Invalid(IDictionary<string, string[]> errors) => new(null, errors);
}
