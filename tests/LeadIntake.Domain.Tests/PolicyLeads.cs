using LeadIntake.Domain.Activities;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Leads;

namespace LeadIntake.Domain.Tests;

/// <summary>Builders for the qualification, sales-feedback and SLA tests: leads in any stage, behaviour events, fixed times.</summary>
/// <remarks>
/// Times are around <see cref="TestLeads.T0"/> (Sunday 2026-11-22 09:00 UTC). The default policy's sales team works
/// Monday–Friday 09:00–17:00 UTC, so <see cref="Monday"/> is the first working instant after T0.
/// </remarks>
internal static class PolicyLeads
{
    public const string LeadId = "lead-0001";

    /// <summary>Monday 2026-11-23 09:00 UTC: T0 + 24 h, the opening of the first working day after T0.</summary>
    public static readonly DateTimeOffset Monday = TestLeads.T0.AddHours(24);

    private static readonly Dictionary<string, string> _noProperties = [];

    /// <summary>A lead at acme.com (corporate), scored <paramref name="score"/>/<paramref name="grade"/>, in <paramref name="stage"/> since <paramref name="enteredAt"/> (T0 when null).</summary>
    public static Lead Lead(
        FunnelStage stage = FunnelStage.Lead, int score = 50, string? grade = "B", DateTimeOffset? enteredAt = null, string email = "ana@acme.com",
        EmailClass emailClass = EmailClass.Corporate)
    {
        var domain = email[(email.IndexOf('@') + 1)..];
        return new Lead
        {
            LeadId = LeadId,
            Email = email,
            Stage = stage,
            StageEnteredAt = enteredAt ?? TestLeads.T0,
            Score = score,
            Grade = grade,
            ScoringModel = "fixed-v1",
            EmailClass = emailClass,
            EmailDomain = domain,
            CompanyDomain = emailClass is EmailClass.Corporate or EmailClass.Role ? domain : null,
            FirstSeenAt = TestLeads.T0,
            LastSeenAt = TestLeads.T0,
            SubmissionCount = 1,
        };
    }

    /// <summary>A lead handed to sales at <paramref name="handedOffAt"/> with the given SLA deadlines, in <paramref name="stage"/> since then.</summary>
    public static Lead HandedOff(
        FunnelStage stage, DateTimeOffset handedOffAt, DateTimeOffset responseDueAt, DateTimeOffset? followUpsDueAt, string? owner = null) =>
        Lead(stage, enteredAt: handedOffAt) with
        {
            HandedOffAt = handedOffAt,
            ResponseDueAt = responseDueAt,
            NextFollowUpDueAt = followUpsDueAt,
            Owner = owner,
            PolicyVersion = "policy-default-1",
        };

    /// <summary>A behaviour event; the id defaults to type and time, unique enough for one lead.</summary>
    public static LeadActivity Event(string type, DateTimeOffset at, string? id = null) =>
        new(id ?? $"{type}@{at.UtcTicks}", type, at, _noProperties);

    /// <summary><paramref name="count"/> events of one type at the same instant, ids <c>{type}-0</c>, <c>{type}-1</c>, ….</summary>
    public static LeadActivity[] Events(string type, DateTimeOffset at, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Event(type, at, $"{type}-{i}"))];
}
