namespace LeadIntake.Domain.Capture;

/// <summary>Checks a decoded message with the same field rules the parser applies at capture.</summary>
internal static class LeadSubmissionMessageChecks
{
    public static List<string> Check(LeadSubmissionMessageV1 m, LeadCaptureLimits limits)
    {
        var problems = new List<string>();
        if (!LeadSubmissionParser.IsSubmissionId(m.SubmissionId))
        {
            problems.Add("submissionId: missing or not a submission id");
        }

        if (!LeadIdentity.IsLeadId(m.LeadId))
        {
            problems.Add("leadId: missing or not a lead id");
        }

        if (!EmailAddress.TryNormalise(m.Email, limits.MaxEmailLength, out var email, out var emailError))
        {
            problems.Add($"email: {emailError}");
        }
        else if (email != m.Email)
        {
            problems.Add("email: not normalised");
        }

        if (m.ReceivedAt is null)
        {
            problems.Add("receivedAt: missing");
        }

        CheckText(problems, LeadFormFields.FirstName, m.FirstName, limits);
        CheckText(problems, LeadFormFields.LastName, m.LastName, limits);
        CheckText(problems, LeadFormFields.Company, m.Company, limits);
        CheckText(problems, LeadFormFields.JobTitle, m.JobTitle, limits);
        CheckText(problems, LeadFormFields.Phone, m.Phone, limits);
        CheckText(problems, LeadFormFields.Country, m.Country, limits);
        CheckText(problems, LeadFormFields.Message, m.Message, limits);
        CheckText(problems, LeadFormFields.FormId, m.FormId, limits);
        CheckText(problems, LeadFormFields.ConsentVersion, m.ConsentVersion, limits);
        CheckText(problems, LeadFormFields.PageUrl, m.PageUrl, limits);
        CheckText(problems, LeadFormFields.PageReferrer, m.PageReferrer, limits);
        CheckText(problems, LeadFormFields.RefererHeader, m.Referer, limits);
        if (m.Utm is { } utm)
        {
            string?[] values = [utm.Source, utm.Medium, utm.Campaign, utm.Term, utm.Content, utm.Gclid, utm.Fbclid];
            for (var i = 0; i < values.Length; i++)
            {
                CheckText(problems, LeadFormFields.Tracking[i], values[i], limits);
            }
        }

        if (m.UserAgent is { Length: var length } && length > limits.MaxUserAgentLength)
        {
            problems.Add($"userAgent: longer than {limits.MaxUserAgentLength} characters");
        }

        if (m.ClientIpHash is not null && !CrockfordBase32.IsEncoded128(m.ClientIpHash, LeadIdentity.ClientIpHashPrefix))
        {
            problems.Add("clientIpHash: not a client IP hash");
        }

        CheckCustomFields(problems, m.CustomFields, limits);
        return problems;
    }

    private static void CheckText(List<string> problems, LeadFormField field, string? value, LeadCaptureLimits limits)
    {
        if (value is null)
        {
            return;
        }

        if (LeadFieldRules.Clean(field, value) != value)
        {
            problems.Add($"{field.Name}: not normalised (empty, untrimmed or with control characters)");
        }
        else if (LeadFieldRules.Check(field, value, limits) is { } problem)
        {
            problems.Add($"{field.Name}: {problem}");
        }
    }

    private static void CheckCustomFields(List<string> problems, Dictionary<string, string>? fields, LeadCaptureLimits limits)
    {
        if (fields is null)
        {
            return;
        }

        if (fields.Count > limits.MaxCustomFields)
        {
            problems.Add($"customFields: {fields.Count} fields, at most {limits.MaxCustomFields}");
        }

        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > limits.MaxFieldNameLength
                || name.StartsWith(LeadFieldNames.ControlPrefix, StringComparison.Ordinal) || LeadFormFields.TryResolve(name, out _))
            {
                problems.Add($"customFields: '{name}' is not a valid custom field name");
            }
            else if (string.IsNullOrEmpty(value) || value.Length > limits.MaxCustomFieldLength)
            {
                problems.Add($"customFields.{name}: empty or longer than {limits.MaxCustomFieldLength} characters");
            }
        }

        if (CustomFieldsSize.StoredLength(fields) is var stored && stored > LeadCaptureLimits.MaxCustomFieldsStoredLength)
        {
            problems.Add($"customFields: {stored} characters once stored, at most {LeadCaptureLimits.MaxCustomFieldsStoredLength}");
        }
    }
}
