namespace LeadIntake.Domain.Capture;

/// <summary>Turns a posted form into a validated, normalised <see cref="LeadSubmission"/>.</summary>
/// <remarks>
/// Pure: no I/O. Known fields are matched camelCase or snake_case, case-insensitively; names starting with "_"
/// are control fields and ignored here; everything else is a custom field, kept within the limits. When a name
/// repeats, the last value wins for known fields (a hidden "false" followed by a ticked checkbox means true),
/// and custom values are joined with ", " (multi-selects).
/// </remarks>
public static class LeadSubmissionParser
{
    /// <summary>The error key for problems with the form as a whole (too many fields, too large).</summary>
    public const string FormErrorKey = "_form";

    /// <summary>Prefix of every submission id.</summary>
    public const string SubmissionIdPrefix = "sb_";

    /// <summary>Parses <paramref name="form"/>; see <see cref="LeadSubmissionParseResult"/>.</summary>
    public static LeadSubmissionParseResult Parse(
        RawLeadForm form, CaptureContext context, LeadIdentity identity, LeadCaptureLimits limits)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(limits);

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (form.Fields.Count > limits.MaxFields)
        {
            Add(errors, FormErrorKey, $"The form has {form.Fields.Count} fields; at most {limits.MaxFields} are accepted.");
            return Fail(errors);
        }

        var known = new Dictionary<LeadFormField, (string PostedName, string? Value)>();
        var custom = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rawName, rawValue) in form.Fields)
        {
            var name = rawName?.Trim() ?? string.Empty;
            if (name.Length == 0 || name.StartsWith(LeadFieldNames.ControlPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (name.Length > limits.MaxFieldNameLength)
            {
                Add(errors, TextCleaner.Truncate(name, limits.MaxFieldNameLength) ?? name, $"The field name is too long: at most {limits.MaxFieldNameLength} characters.");
            }
            else if (LeadFormFields.TryResolve(name, out var field))
            {
                known[field] = (name, rawValue);
            }
            else if (TextCleaner.MultiLine(rawValue) is { } value)
            {
                custom[name] = custom.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
            }
        }

        var customFields = CheckCustomFields(custom, limits, errors);
        string? Text(LeadFormField field)
        {
            if (!known.TryGetValue(field, out var posted) || LeadFieldRules.Clean(field, posted.Value) is not { } value)
            {
                return null;
            }

            if (LeadFieldRules.Check(field, value, limits) is { } problem)
            {
                Add(errors, posted.PostedName, problem);
            }

            return value;
        }

        bool? Flag(LeadFormField field)
        {
            if (!known.TryGetValue(field, out var posted))
            {
                return null;
            }

            if (!TextCleaner.TryParseFlag(posted.Value, out var flag))
            {
                Add(errors, posted.PostedName, $"{field.Label} must be yes or no (a checkbox sends on/true/yes/1, or off/false/no/0).");
            }

            return flag;
        }

        var emailPosted = known.TryGetValue(LeadFormFields.Email, out var e) ? e : (LeadFieldNames.Email, null);
        if (!EmailAddress.TryNormalise(emailPosted.Value, limits.MaxEmailLength, out var email, out var emailError))
        {
            Add(errors, emailPosted.PostedName, emailError);
        }

        var pageUrlField = Text(LeadFormFields.PageUrl);
        var referer = CleanHeaderUrl(context.Referer, limits);
        var pageUrl = pageUrlField ?? referer;
        var submission = new LeadSubmission
        {
            SubmissionId = NewSubmissionId(context.ReceivedAt),
            LeadId = email.Length > 0 ? identity.LeadIdFor(email) : string.Empty,
            Email = email,
            FirstName = Text(LeadFormFields.FirstName),
            LastName = Text(LeadFormFields.LastName),
            Company = Text(LeadFormFields.Company),
            JobTitle = Text(LeadFormFields.JobTitle),
            Phone = Text(LeadFormFields.Phone),
            Country = Text(LeadFormFields.Country),
            Message = Text(LeadFormFields.Message),
            ConsentMarketing = Flag(LeadFormFields.ConsentMarketing),
            ContactRequested = Flag(LeadFormFields.ContactRequested),
            FormId = Text(LeadFormFields.FormId),
            CustomFields = customFields,
            Utm = ReadUtm(pageUrl, Text, limits),
            PageUrl = pageUrl,
            PageReferrer = Text(LeadFormFields.PageReferrer),
            ReceivedAt = context.ReceivedAt.ToUniversalTime(),
            UserAgent = TextCleaner.Truncate(TextCleaner.SingleLine(context.UserAgent), limits.MaxUserAgentLength),
            Referer = referer,
            ClientIpHash = identity.HashClientIp(context.ClientIp),
        };

        if (errors.Count > 0)
        {
            return Fail(errors);
        }

        if (!LeadSubmissionMessage.TrySerialize(submission, out var message))
        {
            Add(errors, FormErrorKey, $"The form is too large to accept: {message.Length / 1024} KiB once stored, at most {LeadSubmissionMessage.MaxBytes / 1024} KiB.");
            return Fail(errors);
        }

        return LeadSubmissionParseResult.Valid(submission);
    }

    /// <summary>A new time-ordered submission id ("sb_" + 26 base32 characters of a version-7 GUID).</summary>
    public static string NewSubmissionId(DateTimeOffset receivedAt) =>
        SubmissionIdPrefix + CrockfordBase32.Encode128(Guid.CreateVersion7(receivedAt).ToByteArray(bigEndian: true));

    /// <summary>True when <paramref name="submissionId"/> has the shape of a submission id.</summary>
    public static bool IsSubmissionId(string? submissionId) => CrockfordBase32.IsEncoded128(submissionId, SubmissionIdPrefix);

    // UTM comes as a unit: from the form's fields when it posted any, else from the page URL's query string,
    // so one campaign's source is never paired with another's medium.
    private static UtmParameters ReadUtm(string? pageUrl, Func<LeadFormField, string?> text, LeadCaptureLimits limits)
    {
        var fromFields = LeadFormFields.Tracking.Select(text).ToArray();
        var query = QueryString.Parse(pageUrl);
        var values = fromFields.Any(v => v is not null)
            ? fromFields
            : LeadFormFields.Tracking.Select(f => FromQuery(query, f, limits)).ToArray();
        return new UtmParameters(
            values[0]?.ToLowerInvariant(), values[1]?.ToLowerInvariant(), values[2], values[3], values[4], values[5], values[6]);
    }

    // A URL's query is not something the visitor typed: an over-long value is cut, never an error.
    private static string? FromQuery(IReadOnlyDictionary<string, string> query, LeadFormField field, LeadCaptureLimits limits) =>
        query.TryGetValue(field.Name, out var raw) && TextCleaner.SingleLine(raw) is { } value
            ? TextCleaner.Truncate(value, field.MaxLength(limits))
            : null;

    private static IReadOnlyDictionary<string, string> CheckCustomFields(
        Dictionary<string, string> custom, LeadCaptureLimits limits, Dictionary<string, List<string>> errors)
    {
        if (custom.Count > limits.MaxCustomFields)
        {
            Add(errors, FormErrorKey, $"The form has {custom.Count} extra fields; at most {limits.MaxCustomFields} are accepted.");
        }

        foreach (var (name, value) in custom)
        {
            if (value.Length > limits.MaxCustomFieldLength)
            {
                Add(errors, name, $"{name} is too long: {value.Length} characters, at most {limits.MaxCustomFieldLength}.");
            }
        }

        // The lead row stores custom fields as one JSON text (LeadCaptureLimits.MaxCustomFieldsStoredLength):
        // refuse here what storage could not hold, rather than answer 202 and lose the lead later.
        var stored = CustomFieldsSize.StoredLength(custom);
        if (custom.Count <= limits.MaxCustomFields && stored > LeadCaptureLimits.MaxCustomFieldsStoredLength)
        {
            Add(errors, FormErrorKey,
                $"The extra fields are too long to store together: {stored} characters once stored, at most "
                + $"{LeadCaptureLimits.MaxCustomFieldsStoredLength} (a quote, backslash or line break counts "
                + "as 2, an emoji as 12). Shorten them or send fewer.");
        }

        return custom;
    }

    // A header is not something the visitor can correct: an unusable Referer is dropped, never an error.
    private static string? CleanHeaderUrl(string? header, LeadCaptureLimits limits) =>
        TextCleaner.SingleLine(header) is { } url && url.Length <= limits.MaxUrlLength && LeadFieldRules.IsWebAddress(url)
            ? url
            : null;

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    private static LeadSubmissionParseResult Fail(Dictionary<string, List<string>> errors) =>
        LeadSubmissionParseResult.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
