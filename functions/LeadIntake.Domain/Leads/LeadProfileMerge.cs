using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;

namespace LeadIntake.Domain.Leads;

/// <summary>Progressive profiling: merges one submission into a lead.</summary>
/// <remarks>
/// Per field, the value from the most recently received submission that had one wins: empty never erases,
/// and an older submission processed late only fills fields nothing newer has set (<see cref="Lead.FieldUpdatedAt"/>;
/// a value without a recorded time counts as of <see cref="Lead.LastSeenAt"/>).
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

        var isNewer = current is null || at >= lead.LastSeenAt;
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
            ConsentMarketing = Pick(LeadFieldNames.ConsentMarketing, lead.ConsentMarketing, s.ConsentMarketing),
            ContactRequested = Pick(LeadFieldNames.ContactRequested, lead.ContactRequested, s.ContactRequested),
            CustomFields = MergeCustomFields(lead.CustomFields, s.CustomFields, overwrite: isNewer),
            FieldUpdatedAt = updatedAt,
            EmailClass = enrichment.EmailClass,
            EmailDomain = enrichment.EmailDomain,
            CompanyDomain = enrichment.CompanyDomain,
            FirstTouch = lead.FirstTouch is { } first && first.At <= at && current is not null ? first : enrichment.Touch,
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

    private static Dictionary<string, string> MergeCustomFields(
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> incoming, bool overwrite)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in incoming)
        {
            if (merged.ContainsKey(name) ? overwrite : merged.Count < Lead.MaxCustomFields)
            {
                merged[name] = value;
            }
        }

        return merged;
    }
}
