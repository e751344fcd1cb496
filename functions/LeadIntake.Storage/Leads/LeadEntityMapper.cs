using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Scoring;
using LeadIntake.Storage.Kpis;

namespace LeadIntake.Storage.Leads;

/// <summary>The one mapper between domain leads and processing outcomes and their table rows.</summary>
/// <remarks>
/// Enumerations are stored as their readable codes (<c>MQL</c>, <c>corporate</c>, <c>paid_search</c>), times as UTC,
/// structured values (custom fields, reasons, features) as compact JSON. Row keys are deterministic: see each entity.
/// </remarks>
public static class LeadEntityMapper
{
    private const string TimeKeyFormat = "yyyyMMdd'T'HHmmss'.'fffffff'Z'";
    private const string DayKeyFormat = "yyyy-MM-dd";

    // Stored JSON is read by code and Storage Explorer, never embedded in HTML: escaping '<' as \u003C would only let a
    // 1,000-character field grow sixfold past a property's 32K characters (capture bounds the relaxed-escaped length).
    private static readonly JsonSerializerOptions s_storedJson = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Leads row for <paramref name="lead"/>.</summary>
    public static LeadEntity ToEntity(Lead lead) => new()
    {
        PartitionKey = lead.LeadId,
        RowKey = LeadEntity.ProfileRowKey,
        Email = lead.Email,
        FirstName = lead.FirstName,
        LastName = lead.LastName,
        Company = lead.Company,
        JobTitle = lead.JobTitle,
        Phone = lead.Phone,
        Country = lead.Country,
        Message = lead.Message,
        FormId = lead.FormId,
        FirstFormId = lead.FirstFormId,
        MqlAt = lead.Milestones.MqlAt,
        SalAt = lead.Milestones.SalAt,
        SqlAt = lead.Milestones.SqlAt,
        OpportunityAt = lead.Milestones.OpportunityAt,
        WonAt = lead.Milestones.WonAt,
        Probability = lead.Probability,
        ConsentMarketing = lead.ConsentMarketing,
        ConsentVersion = lead.Consent?.Version,
        ConsentFormId = lead.Consent?.FormId,
        ConsentPageUrl = lead.Consent?.PageUrl,
        ConsentAt = lead.Consent?.At,
        ContactRequested = lead.ContactRequested,
        Stage = FunnelStageCodes.ToCode(lead.Stage),
        StageEnteredAt = lead.StageEnteredAt,
        Score = lead.Score,
        Grade = lead.Grade,
        ScoringModel = lead.ScoringModel,
        TopReasons = lead.ScoreReasons.Count == 0 ? null : JsonSerializer.Serialize(lead.ScoreReasons, s_storedJson),
        ScoredAt = lead.ScoredAt,
        EmailClass = EnrichmentCodes.ToCode(lead.EmailClass),
        EmailDomain = lead.EmailDomain,
        CompanyDomain = lead.CompanyDomain,
        Channel = EnrichmentCodes.ToCode(lead.Channel),
        FirstTouchSource = lead.FirstTouch?.Source,
        FirstTouchMedium = lead.FirstTouch?.Medium,
        FirstTouchCampaign = lead.FirstTouch?.Campaign,
        FirstTouchChannel = lead.FirstTouch is { } first ? EnrichmentCodes.ToCode(first.Channel) : null,
        FirstTouchAt = lead.FirstTouch?.At,
        LastTouchSource = lead.LastTouch?.Source,
        LastTouchMedium = lead.LastTouch?.Medium,
        LastTouchCampaign = lead.LastTouch?.Campaign,
        LastTouchChannel = lead.LastTouch is { } last ? EnrichmentCodes.ToCode(last.Channel) : null,
        LastTouchAt = lead.LastTouch?.At,
        FirstSeenAt = lead.FirstSeenAt,
        LastSeenAt = lead.LastSeenAt,
        SubmissionCount = lead.SubmissionCount,
        RecentSubmissionIds = string.Join(' ', lead.RecentSubmissionIds),
        CustomFields = lead.CustomFields.Count == 0 ? null : JsonSerializer.Serialize(lead.CustomFields, s_storedJson),
        FieldUpdatedAt = JsonSerializer.Serialize(lead.FieldUpdatedAt, s_storedJson),
        UpdatedAt = lead.UpdatedAt,
        Engagement = lead.Engagement,
        EngagementAt = lead.EngagementAt,
        PolicyVersion = lead.PolicyVersion,
        StageReason = lead.StageReason,
        UnsubscribedAt = lead.UnsubscribedAt,
        HardBouncedAt = lead.HardBouncedAt,
        HandoffDueAt = lead.HandoffDueAt,
        Owner = lead.Owner,
        HandedOffAt = lead.HandedOffAt,
        ResponseDueAt = lead.ResponseDueAt,
        FirstResponseAt = lead.FirstResponseAt,
        FirstResponseBreachedAt = lead.FirstResponseBreachedAt,
        FollowUpCount = lead.FollowUpCount,
        LastFollowUpAt = lead.LastFollowUpAt,
        LastContactAt = lead.LastContactAt,
        NextFollowUpDueAt = lead.NextFollowUpDueAt,
        FollowUpBreachedAt = lead.FollowUpBreachedAt,
        ConnectedAt = lead.ConnectedAt,
        Outcome = lead.Outcome,
        OutcomeAt = lead.OutcomeAt,
        Amount = lead.Amount is { } amount ? (double)amount : null,
        RecycleDueAt = lead.RecycleDueAt,
        RecentSalesEventIds = lead.RecentSalesEventIds.Count == 0 ? null : string.Join(' ', lead.RecentSalesEventIds),
    };

    /// <summary>The lead stored in <paramref name="entity"/>.</summary>
    /// <exception cref="FormatException">A stored code or JSON column is not one this code wrote.</exception>
    public static Lead ToLead(LeadEntity entity) => new()
    {
        LeadId = entity.PartitionKey,
        Email = entity.Email,
        FirstName = entity.FirstName,
        LastName = entity.LastName,
        Company = entity.Company,
        JobTitle = entity.JobTitle,
        Phone = entity.Phone,
        Country = entity.Country,
        Message = entity.Message,
        FormId = entity.FormId,
        FirstFormId = entity.FirstFormId,
        Milestones = new FunnelMilestones(entity.MqlAt, entity.SalAt, entity.SqlAt, entity.OpportunityAt, entity.WonAt),
        Probability = entity.Probability,
        ConsentMarketing = entity.ConsentMarketing,
        Consent = entity.ConsentAt is { } consentAt ? new ConsentProof(entity.ConsentVersion, entity.ConsentFormId, entity.ConsentPageUrl, consentAt) : null,
        ContactRequested = entity.ContactRequested,
        Stage = FunnelStageCodes.Parse(entity.Stage),
        StageEnteredAt = entity.StageEnteredAt,
        Score = entity.Score,
        Grade = entity.Grade,
        ScoringModel = entity.ScoringModel,
        ScoreReasons = FromJson<List<ScoreReason>>(entity.TopReasons, JsonSerializerOptions.Web) ?? [],
        ScoredAt = entity.ScoredAt,
        EmailClass = FromCode<EmailClass>(entity.EmailClass, EnrichmentCodes.ToCode) ?? default,
        EmailDomain = entity.EmailDomain,
        CompanyDomain = entity.CompanyDomain,
        FirstTouch = ToTouch(entity.FirstTouchSource, entity.FirstTouchMedium, entity.FirstTouchCampaign, entity.FirstTouchChannel, entity.FirstTouchAt),
        LastTouch = ToTouch(entity.LastTouchSource, entity.LastTouchMedium, entity.LastTouchCampaign, entity.LastTouchChannel, entity.LastTouchAt),
        FirstSeenAt = entity.FirstSeenAt,
        LastSeenAt = entity.LastSeenAt,
        SubmissionCount = entity.SubmissionCount,
        RecentSubmissionIds = (entity.RecentSubmissionIds ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        CustomFields = FromJson<Dictionary<string, string>>(entity.CustomFields) ?? [],
        FieldUpdatedAt = FromJson<Dictionary<string, DateTimeOffset>>(entity.FieldUpdatedAt) ?? [],
        UpdatedAt = entity.UpdatedAt,
        Engagement = entity.Engagement,
        EngagementAt = entity.EngagementAt,
        PolicyVersion = entity.PolicyVersion,
        StageReason = entity.StageReason,
        UnsubscribedAt = entity.UnsubscribedAt,
        HardBouncedAt = entity.HardBouncedAt,
        HandoffDueAt = entity.HandoffDueAt,
        Owner = entity.Owner,
        HandedOffAt = entity.HandedOffAt,
        ResponseDueAt = entity.ResponseDueAt,
        FirstResponseAt = entity.FirstResponseAt,
        FirstResponseBreachedAt = entity.FirstResponseBreachedAt,
        FollowUpCount = entity.FollowUpCount,
        LastFollowUpAt = entity.LastFollowUpAt,
        LastContactAt = entity.LastContactAt,
        NextFollowUpDueAt = entity.NextFollowUpDueAt,
        FollowUpBreachedAt = entity.FollowUpBreachedAt,
        ConnectedAt = entity.ConnectedAt,
        Outcome = entity.Outcome,
        OutcomeAt = entity.OutcomeAt,
        Amount = entity.Amount is { } amount ? (decimal)amount : null,
        RecycleDueAt = entity.RecycleDueAt,
        RecentSalesEventIds = (entity.RecentSalesEventIds ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
    };

    /// <summary>The StageHistory, StageChangesByDay and ScoreSnapshots rows of one processed submission.</summary>
    /// <exception cref="ArgumentException">The outcome has no score (the submission was already processed).</exception>
    public static LeadRows ToRows(LeadSubmission submission, LeadProcessingOutcome outcome)
    {
        if (!outcome.HasScore)
            throw new ArgumentException("An already-processed outcome writes no rows.", nameof(outcome));

        var (history, byDay) = ToChangeRows(outcome.Lead, outcome.Changes, submission.SubmissionId);
        var snapshot = new ScoreSnapshotEntity
        {
            PartitionKey = submission.LeadId,
            RowKey = $"{TimeKey(submission.ReceivedAt)}_{submission.SubmissionId}",
            SubmissionId = submission.SubmissionId,
            ScoredAt = outcome.Lead.ScoredAt ?? outcome.Lead.UpdatedAt,
            Features = outcome.Features.ToJson(),
            Score = outcome.Score.Score,
            Probability = outcome.Score.Probability,
            Grade = outcome.Score.Grade,
            ScoringModel = outcome.Score.ModelVersion,
            Reasons = JsonSerializer.Serialize(outcome.Score.Reasons, s_storedJson),
            PolicyVersion = outcome.Lead.PolicyVersion ?? "",
        };
        return new LeadRows(history, byDay, snapshot);
    }

    /// <summary>The StageHistory and StageChangesByDay rows of <paramref name="changes"/>, caused by <paramref name="causeId"/>.</summary>
    /// <remarks>
    /// Keys derive from the change time, the cause and the change sequence, never from the processing clock, so a retried
    /// or redelivered cause rewrites the same rows. History keys use the change's own time: a late, older submission can
    /// qualify a lead at the time it entered its current stage, and rows must sort by it.
    /// </remarks>
    public static (IReadOnlyList<StageHistoryEntity> History, IReadOnlyList<StageChangeByDayEntity> ByDay) ToChangeRows(
        Lead lead, IReadOnlyList<StageChange> changes, string causeId)
    {
        var history = changes.Select(change => new StageHistoryEntity
        {
            PartitionKey = lead.LeadId,
            RowKey = $"{TimeKey(change.At)}_{causeId}_{change.Sequence.ToString("D2", CultureInfo.InvariantCulture)}",
            FromStage = change.From is { } from ? FunnelStageCodes.ToCode(from) : "",
            ToStage = FunnelStageCodes.ToCode(change.To),
            At = change.At,
            Reason = change.Reason,
            Score = change.Score,
            ScoringModel = change.ScoringModel,
            Actor = change.Actor,
            Rule = change.Rule ?? "",
            PolicyVersion = change.PolicyVersion,
            Cause = causeId,
        }).ToList();
        var byDay = history.Select(row => new StageChangeByDayEntity
        {
            PartitionKey = ByDayKeyOf(row).PartitionKey,
            RowKey = ByDayKeyOf(row).RowKey,
            LeadId = lead.LeadId,
            Company = lead.Company,
            FromStage = row.FromStage,
            ToStage = row.ToStage,
            At = row.At,
            Reason = row.Reason,
            Score = row.Score,
            ScoringModel = row.ScoringModel,
            Actor = row.Actor,
            Rule = row.Rule,
            PolicyVersion = row.PolicyVersion,
        }).ToList();
        for (var i = 0; i < changes.Count; i++)
            AddKpiColumns(byDay[i], lead, changes[i]);
        return (history, byDay);
    }

    /// <summary>The keys of the StageChangesByDay row mirroring <paramref name="history"/>: its UTC day, and <c>{lead id}_{history RowKey}</c>.</summary>
    public static (string PartitionKey, string RowKey) ByDayKeyOf(StageHistoryEntity history) =>
        (DayKey(history.At), $"{history.PartitionKey}_{history.RowKey}");

    /// <summary>What the funnel KPIs read from a change row: first-reached stages, time in the stage left, attribution, cohort, model, deal.</summary>
    private static void AddKpiColumns(StageChangeByDayEntity row, Lead lead, StageChange change)
    {
        row.Reached = change.Reached.Count == 0 ? null : string.Join(' ', change.Reached.Select(FunnelStageCodes.ToCode));
        row.FromEnteredAt = change.FromEnteredAt;
        row.Channel = EnrichmentCodes.ToCode(lead.Channel);
        row.Campaign = lead.FirstTouch?.Campaign;
        row.FormId = lead.FirstFormId;
        row.Owner = lead.Owner;
        row.CreatedAt = lead.FirstSeenAt;
        row.MqlAt = lead.Milestones.MqlAt;
        row.Probability = lead.Probability;
        row.Amount = change.To is FunnelStage.Opportunity or FunnelStage.Won && lead.Amount is { } amount ? (double)amount : null;
    }

    /// <summary>The SalesCycles row of <paramref name="lead"/>'s open sales cycle, or null when it is not with sales.</summary>
    public static SalesCycleEntity? ToSalesCycle(Lead lead) => lead.HandedOffAt is not { } handedOffAt ? null : new SalesCycleEntity
    {
        PartitionKey = DayKey(handedOffAt),
        RowKey = $"{lead.LeadId}_{TimeKey(handedOffAt)}",
        LeadId = lead.LeadId,
        Owner = lead.Owner,
        Channel = EnrichmentCodes.ToCode(lead.Channel),
        Campaign = lead.FirstTouch?.Campaign,
        FormId = lead.FirstFormId,
        Stage = FunnelStageCodes.ToCode(lead.Stage),
        CapturedAt = lead.FirstSeenAt,
        HandedOffAt = handedOffAt,
        ResponseDueAt = lead.ResponseDueAt,
        FirstResponseAt = lead.FirstResponseAt,
        FirstResponseBreachedAt = lead.FirstResponseBreachedAt,
        FollowUpCount = lead.FollowUpCount,
        FollowUpsDueAt = lead.NextFollowUpDueAt,
        FollowUpBreachedAt = lead.FollowUpBreachedAt,
        ConnectedAt = lead.ConnectedAt,
        PolicyVersion = lead.PolicyVersion,
    };

    /// <summary>The sortable time key of row keys: <c>yyyyMMddTHHmmss.fffffffZ</c> (UTC).</summary>
    public static string TimeKey(DateTimeOffset at) => at.UtcDateTime.ToString(TimeKeyFormat, CultureInfo.InvariantCulture);

    /// <summary>The UTC day of partition keys: <c>yyyy-MM-dd</c>.</summary>
    public static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString(DayKeyFormat, CultureInfo.InvariantCulture);

    /// <summary>JSON of a string map as stored (relaxed escaping).</summary>
    public static string ToStoredJson(IReadOnlyDictionary<string, string> values) => JsonSerializer.Serialize(values, s_storedJson);

    /// <summary>A string map stored by <see cref="ToStoredJson"/>.</summary>
    /// <exception cref="FormatException">The column is not such a map.</exception>
    public static IReadOnlyDictionary<string, string> FromStoredJson(string? json) => FromJson<Dictionary<string, string>>(json) ?? [];

    private static Touch? ToTouch(string? source, string? medium, string? campaign, string? channel, DateTimeOffset? at) =>
        at is { } when && FromCode<MarketingChannel>(channel, EnrichmentCodes.ToCode) is { } parsed
            ? new Touch(source, medium, campaign, parsed, when)
            : null;

    private static TEnum? FromCode<TEnum>(string? code, Func<TEnum, string> toCode) where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(code))
            return null;
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (toCode(value) == code)
                return value;
        }

        throw new FormatException($"'{code}' is not a {typeof(TEnum).Name} code.");
    }

    private static T? FromJson<T>(string? json, JsonSerializerOptions? options = null) where T : class
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(json, options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"A stored JSON column is not a {typeof(T).Name}: {e.Message}", e);
        }
    }
}
