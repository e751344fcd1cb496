using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Leads;

/// <summary>The proof of one marketing consent given: which wording, on which form and page, and when.</summary>
/// <param name="Version">Version of the consent wording the form showed (<see cref="LeadSubmission.ConsentVersion"/>); null when the form's registry entry names none.</param>
/// <param name="FormId">The form the consent was given on.</param>
/// <param name="PageUrl">The page the form was on.</param>
/// <param name="At">When the submission that gave it was received (UTC).</param>
/// <remarks>
/// Kept on the lead (<see cref="Lead.Consent"/>: the latest consent given) and on the submission's row of the lead's
/// timeline (every consent given, so an earlier one stays provable after a later one replaces the lead's). A proof
/// says consent was given, not that it is still in force: that is <see cref="Lead.ConsentMarketing"/>, which an
/// explicit "no" or an unsubscribe sets back to false.
/// </remarks>
public sealed record ConsentProof(string? Version, string? FormId, string? PageUrl, DateTimeOffset At)
{
    /// <summary>The proof a submission carries: null unless it said yes to marketing consent.</summary>
    public static ConsentProof? Of(LeadSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return submission.ConsentMarketing == true
            ? new ConsentProof(submission.ConsentVersion, submission.FormId, submission.PageUrl, submission.ReceivedAt.ToUniversalTime())
            : null;
    }

    /// <summary>The later of two proofs (the current one on a tie); null only when both are.</summary>
    /// <remarks>By time, not by processing order: a submission processed late never replaces a newer consent.</remarks>
    public static ConsentProof? Latest(ConsentProof? current, ConsentProof? incoming) =>
        incoming is null ? current
        : current is null || incoming.At > current.At ? incoming
        : current;
}
