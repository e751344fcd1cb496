using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Forms;

/// <summary>What a form's settings do to a parsed submission: required fields, defaults, consent version, contact requests.</summary>
public static class LandingFormRules
{
    /// <summary>The field error of a disposable address on a form whose rule is <see cref="DisposableEmailRule.Reject"/>.</summary>
    public const string DisposableEmailError = "Please use a permanent email address: addresses from throw-away mail services expire before we can reply.";

    /// <summary>
    /// The errors <paramref name="form"/>'s settings add to a valid <paramref name="submission"/>: one per required field
    /// it left empty, and the email when the form rejects disposable addresses. Each is keyed by the name the form posted
    /// the field under (so a page can show it next to its input), or the canonical name when it was not posted.
    /// </summary>
    public static IDictionary<string, string[]> FieldErrors(LandingForm form, LeadSubmission submission, RawLeadForm posted)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in form.RequiredFields)
        {
            if (LeadFormFields.TryResolve(name, out var field) && field != LeadFormFields.Email && !HasValue(field, submission))
                errors[PostedName(posted, field)] = [$"{field.Label} is required on this form."];
        }

        if (form.DisposableEmails == DisposableEmailRule.Reject && SpamCheck.IsDisposable(submission.Email))
            errors[PostedName(posted, LeadFormFields.Email)] = [DisposableEmailError];
        return errors;
    }

    /// <summary>
    /// <paramref name="submission"/> under <paramref name="form"/>: its default UTM when the visit brought none, "contact me"
    /// on a contact-request form (unless the form said no), and the consent wording's version when consent was given.
    /// </summary>
    public static LeadSubmission Apply(LandingForm form, LeadSubmission submission) => submission with
    {
        Utm = submission.Utm.IsEmpty ? form.DefaultUtm : submission.Utm,
        ContactRequested = form.IsContactRequest ? submission.ContactRequested ?? true : submission.ContactRequested,
        ConsentVersion = submission.ConsentMarketing == true ? form.ConsentVersion : null,
    };

    private static string PostedName(RawLeadForm posted, LeadFormField field) =>
        posted.Fields.Select(pair => pair.Key.Trim()).LastOrDefault(key => LeadFormFields.TryResolve(key, out var postedField) && postedField == field)
        ?? field.Name;

    private static bool HasValue(LeadFormField field, LeadSubmission submission) => field.Name switch
    {
        LeadFieldNames.FirstName => submission.FirstName is not null,
        LeadFieldNames.LastName => submission.LastName is not null,
        LeadFieldNames.Company => submission.Company is not null,
        LeadFieldNames.JobTitle => submission.JobTitle is not null,
        LeadFieldNames.Phone => submission.Phone is not null,
        LeadFieldNames.Country => submission.Country is not null,
        LeadFieldNames.Message => submission.Message is not null,
        LeadFieldNames.ConsentMarketing => submission.ConsentMarketing == true,
        LeadFieldNames.ContactRequested => submission.ContactRequested is not null,
        LeadFieldNames.PageUrl => submission.PageUrl is not null,
        LeadFieldNames.PageReferrer => submission.PageReferrer is not null,
        LeadFieldNames.FormId => submission.FormId is not null,
        LeadFieldNames.UtmSource => submission.Utm.Source is not null,
        LeadFieldNames.UtmMedium => submission.Utm.Medium is not null,
        LeadFieldNames.UtmCampaign => submission.Utm.Campaign is not null,
        LeadFieldNames.UtmTerm => submission.Utm.Term is not null,
        LeadFieldNames.UtmContent => submission.Utm.Content is not null,
        LeadFieldNames.Gclid => submission.Utm.Gclid is not null,
        LeadFieldNames.Fbclid => submission.Utm.Fbclid is not null,
        _ => true,
    };
}
