using LeadIntake.Domain.Capture;

namespace LeadIntake.Domain.Forms;

/// <summary>What a form's settings do to a parsed submission: required fields, defaults, consent version, contact requests.</summary>
public static class LandingFormRules
{
    /// <summary>
    /// One error per required field of <paramref name="form"/> that <paramref name="submission"/> left empty, keyed by the
    /// name the form posted it under (so a page can show it next to its input), or the canonical name when it was not posted.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> MissingFieldErrors(
        LandingForm form, LeadSubmission submission, IReadOnlyList<KeyValuePair<string, string?>> posted)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in form.RequiredFields)
        {
            if (!LeadFormFields.TryResolve(name, out var field) || field == LeadFormFields.Email || HasValue(field, submission))
                continue;
            var postedName = posted.Select(pair => pair.Key.Trim())
                .LastOrDefault(key => LeadFormFields.TryResolve(key, out var postedField) && postedField == field) ?? field.Name;
            errors[postedName] = [$"{field.Label} is required on this form."];
        }

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
