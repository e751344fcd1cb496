using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;

namespace LeadIntake.Domain.Leads;

/// <summary>Progressive profiling: merges one submission into a lead.</summary>
/// <remarks>
/// <para>
/// Per field, the value from the most recently received submission that had one wins: empty never erases,
/// and an older submission processed late only fills fields nothing newer has set (<see cref="Lead.FieldUpdatedAt"/>;
/// a value without a recorded time counts as of <see cref="Lead.LastSeenAt"/>).
/// </para>
/// <para>
/// Flags (<see cref="Lead.ConsentMarketing"/>, <see cref="Lead.ContactRequested"/>) follow the same rule with
/// "absent" (null on the submission) as the empty value: an explicit false is an answer and overwrites true
/// (a withdrawal). A lead's false without a recorded time is the default, never an answer, so any answer sets it;
/// a true without a recorded time counts as of <see cref="Lead.LastSeenAt"/>.
/// </para>
/// <para>
/// Consent proof (<see cref="Lead.Consent"/>): the "yes" with the latest received-at wins, whatever the flag became
/// (an older "yes" processed late after a newer "no" is still the latest consent given); "no" and absent keep it.
/// </para>
/// <para>
/// Custom fields: the submission received last (at or after <see cref="Lead.LastSeenAt"/>) sets its values and
/// moves its names to the end of <see cref="Lead.CustomFields"/>, which is ordered least recently set first. When
/// the map would then hold more than <see cref="Lead.MaxCustomFields"/> names or more than
/// <see cref="LeadCaptureLimits.MaxCustomFieldsStoredLength"/> characters once stored, the lead's fields are dropped
/// from the front (least recently set first) until it fits, so all of the newest submission's fields are kept
/// (they fit alone: the parser refuses more). Should they not fit alone (a submission built with larger limits),
/// its own first fields go next, in the same order. An older submission processed late never displaces anything:
/// its names that are new to the lead are added at the front, in posted order, while they fit; the rest are dropped.
/// </para>
/// </remarks>
internal static class LeadProfileMerge
{
    public static Lead Merge(Lead? current, LeadSubmission s, LeadEnrichment enrichment, DateTimeOffset processedAt)
    {
        var lead = current ?? new Lead
        {
            LeadId = s.LeadId,
            Email = s.Email,
            Stage = FunnelTransitions.EntryStage,
            StageEnteredAt = s.ReceivedAt,
            FirstSeenAt = s.ReceivedAt,
            LastSeenAt = s.ReceivedAt,
        };
        var updatedAt = new Dictionary<string, DateTimeOffset>(lead.FieldUpdatedAt, StringComparer.Ordinal);
        var at = s.ReceivedAt;

        T Pick<T>(string field, T currentValue, T newValue)
        {
            if (newValue is null)
            {
                return currentValue;
            }

            var since = updatedAt.TryGetValue(field, out var t) ? t
                : currentValue is null || current is null ? DateTimeOffset.MinValue
                : lead.LastSeenAt;
            if (at < since)
            {
                return currentValue;
            }

            updatedAt[field] = at;
            return newValue;
        }

        // A lead's false is the default, not an answer: passed as "no value", so without a recorded time any answer
        // replaces it. With a recorded time (an explicit false) Pick compares times as for any field.
        bool PickFlag(string field, bool currentValue, bool? newValue) =>
            Pick<bool?>(field, currentValue ? true : null, newValue) ?? currentValue;

        var isNewer = current is null || at >= lead.LastSeenAt;
        var keepsFirstTouch = lead.FirstTouch is { } first && first.At <= at && current is not null;
        return lead with
        {
            Email = Pick(LeadFieldNames.Email, lead.Email, s.Email),
            FirstName = Pick(LeadFieldNames.FirstName, lead.FirstName, s.FirstName),
            LastName = Pick(LeadFieldNames.LastName, lead.LastName, s.LastName),
            Company = Pick(LeadFieldNames.Company, lead.Company, s.Company),
            JobTitle = Pick(LeadFieldNames.JobTitle, lead.JobTitle, s.JobTitle),
            Phone = Pick(LeadFieldNames.Phone, lead.Phone, s.Phone),
            Country = Pick(LeadFieldNames.Country, lead.Country, s.Country),
            Message = Pick(LeadFieldNames.Message, lead.Message, s.Message),
            FormId = Pick(LeadFieldNames.FormId, lead.FormId, s.FormId),
            ConsentMarketing = PickFlag(LeadFieldNames.ConsentMarketing, lead.ConsentMarketing, s.ConsentMarketing),
            ContactRequested = PickFlag(LeadFieldNames.ContactRequested, lead.ContactRequested, s.ContactRequested),
            Consent = ConsentProof.Latest(current is null ? null : lead.Consent, ConsentProof.Of(s)),
            CustomFields = isNewer ? MergeNewest(lead.CustomFields, s.CustomFields) : MergeOlder(lead.CustomFields, s.CustomFields),
            FieldUpdatedAt = updatedAt,
            EmailClass = enrichment.EmailClass,
            EmailDomain = enrichment.EmailDomain,
            CompanyDomain = enrichment.CompanyDomain,
            FirstTouch = keepsFirstTouch ? lead.FirstTouch : enrichment.Touch,
            FirstFormId = keepsFirstTouch ? lead.FirstFormId : s.FormId,
            LastTouch = LastTouch(current is null ? null : lead.LastTouch, enrichment.Touch),
            FirstSeenAt = current is null || at < lead.FirstSeenAt ? at : lead.FirstSeenAt,
            LastSeenAt = isNewer ? at : lead.LastSeenAt,
            SubmissionCount = (current?.SubmissionCount ?? 0) + 1,
            RecentSubmissionIds = [.. lead.RecentSubmissionIds.Append(s.SubmissionId).TakeLast(Lead.MaxRecentSubmissionIds)],
            UpdatedAt = processedAt,
        };
    }

    // Last non-direct touch: a later direct visit does not erase the campaign that brought the lead, and an
    // older touch processed late never replaces a newer one.
    private static Touch LastTouch(Touch? current, Touch touch) =>
        current is null ? touch
        : touch.At < current.At ? current
        : touch.Channel == MarketingChannel.Direct && current.Channel != MarketingChannel.Direct ? current
        : touch;

    private static OrderedDictionary<string, string> MergeNewest(
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> incoming)
    {
        var merged = Copy(current);
        foreach (var (name, value) in incoming)
        {
            merged.Remove(name);
            merged.Add(name, value);
        }

        // The newest submission's names are now the last entries: trimming from the front reaches them last.
        return TrimFromFront(merged);
    }

    private static OrderedDictionary<string, string> MergeOlder(
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> incoming)
    {
        var merged = Copy(current);
        long length = CustomFieldsSize.StoredLength(merged);
        var inserted = 0;
        foreach (var (name, value) in incoming)
        {
            if (merged.ContainsKey(name))
            {
                continue;   // a newer submission set it: newer values win
            }

            var grown = length + CustomFieldsSize.EntryLength(name, value) + (merged.Count > 0 ? 1 : 0);
            if (merged.Count < Lead.MaxCustomFields && grown <= LeadCaptureLimits.MaxCustomFieldsStoredLength)
            {
                merged.Insert(inserted++, name, value);
                length = grown;
            }
        }

        // Only a stored map that was already over the bounds (written before they existed) needs trimming here.
        return TrimFromFront(merged);
    }

    // Drops the least recently set fields until the map is within both bounds.
    private static OrderedDictionary<string, string> TrimFromFront(OrderedDictionary<string, string> fields)
    {
        long length = CustomFieldsSize.StoredLength(fields);
        while (fields.Count > Lead.MaxCustomFields || length > LeadCaptureLimits.MaxCustomFieldsStoredLength)
        {
            var (name, value) = fields.GetAt(0);
            length -= CustomFieldsSize.EntryLength(name, value) + (fields.Count > 1 ? 1 : 0);
            fields.RemoveAt(0);
        }

        return fields;
    }

    // Case-insensitive names; a stored map that differs only in case keeps the later entry.
    private static OrderedDictionary<string, string> Copy(IReadOnlyDictionary<string, string> fields)
    {
        var copy = new OrderedDictionary<string, string>(fields.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            copy.Remove(name);
            copy.Add(name, value);
        }

        return copy;
    }
}
