using System.Text;
using LeadIntake.Domain.Capture;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Builds queue messages the way the capture endpoint does, for tests that feed the pipeline directly.</summary>
public static class TestSubmissions
{
    /// <summary>The identity the test app uses (same secret), so lead ids agree.</summary>
    public static LeadIdentity Identity { get; } = new(Encoding.UTF8.GetBytes(LeadIntakeAppFactory.IdentitySecret));

    /// <summary>A unique email address for one test.</summary>
    public static string UniqueEmail(string prefix = "lead") => $"{prefix}-{Guid.NewGuid():N}@contoso-labs.com";

    /// <summary>A parsed submission for <paramref name="email"/> plus extra fields.</summary>
    public static LeadSubmission Submission(string email, params (string Name, string? Value)[] fields)
    {
        var form = RawLeadForm.From([("email", email), .. fields]);
        var result = LeadSubmissionParser.Parse(form, new CaptureContext(TimeProvider.System.GetUtcNow(), "tests", null, "203.0.113.7"), Identity, LeadCaptureLimits.Default);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return result.Value!;
    }

    /// <summary>The queue message text of <see cref="Submission"/>.</summary>
    public static string Message(string email, params (string Name, string? Value)[] fields) =>
        LeadSubmissionMessage.Serialize(Submission(email, fields));
}
