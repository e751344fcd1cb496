using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Tests;

/// <summary>Builders shared by the tests: a fixed identity key and submissions built through the real parser.</summary>
internal static class TestLeads
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static readonly LeadIdentity Identity = new("test-key-0123456789abcdef"u8.ToArray());

    public static CaptureContext Context(DateTimeOffset? at = null, string? referer = null, string? ip = "203.0.113.7") =>
        new(at ?? T0, "Mozilla/5.0 (test)", referer, ip);

    /// <summary>Parses a form that must be valid.</summary>
    public static LeadSubmission Submit(DateTimeOffset at, params (string Name, string? Value)[] fields)
    {
        var result = LeadSubmissionParser.Parse(RawLeadForm.From(fields), Context(at), Identity, LeadCaptureLimits.Default);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return result.Value;
    }

    public static LeadSubmissionParseResult Parse(params (string Name, string? Value)[] fields) =>
        LeadSubmissionParser.Parse(RawLeadForm.From(fields), Context(), Identity, LeadCaptureLimits.Default);
}
