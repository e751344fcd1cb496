using System.Text.Json;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Sla;

namespace LeadIntake.Application.Sla;

/// <summary>The deadline index: every lead's open deadlines keyed by due time, so the clock reads only what is due.</summary>
/// <remarks>Rows are written by <see cref="Processing.ILeadStore"/> with each lead; the lead row stays the truth.</remarks>
public interface IDeadlineIndex
{
    /// <summary>The deadlines due at or before <paramref name="now"/>, earliest first, with how many index rows were read.</summary>
    Task<DueDeadlines> FindDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a handled or stale deadline (no error when it is already gone).</summary>
    Task RemoveAsync(LeadDeadline deadline, CancellationToken cancellationToken);
}

/// <summary>What one read of the deadline index found.</summary>
/// <param name="Deadlines">The due deadlines.</param>
/// <param name="RowsRead">Index rows the read returned (the cost of one clock run).</param>
public sealed record DueDeadlines(IReadOnlyList<LeadDeadline> Deadlines, int RowsRead);

/// <summary>The <c>SlaBreaches</c> table: one row per breach, ever.</summary>
public interface ISlaBreachStore
{
    /// <summary>Records <paramref name="breach"/> unless it is recorded already; returns whether it still has to be announced.</summary>
    /// <returns>True when no announcement is known to have been sent (a new breach, or one whose send failed before).</returns>
    Task<bool> RecordAsync(SlaBreach breach, CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="breach"/> as announced on the <c>sla-breaches</c> queue.</summary>
    Task MarkAnnouncedAsync(SlaBreach breach, DateTimeOffset announcedAt, CancellationToken cancellationToken);
}

/// <summary>The <c>sla-breaches</c> queue.</summary>
public interface ISlaBreachQueue
{
    /// <summary>Sends <paramref name="message"/>; returns once the queue accepted it.</summary>
    Task SendAsync(SlaBreachMessage message, CancellationToken cancellationToken);
}

/// <summary>The <c>sla-breaches</c> queue message.</summary>
/// <remarks>
/// JSON, camelCase: version, breachId, leadId, kind (first_response | follow_ups), dueAt, detectedAt, handedOffAt, owner,
/// stage, followUpCount, followUpsRequired, policyVersion. At least once: consumers drop repeats by breachId.
/// Versions: 1 — first format.
/// </remarks>
public sealed record SlaBreachMessage(
    int Version, string BreachId, string LeadId, string Kind, DateTimeOffset DueAt, DateTimeOffset DetectedAt, DateTimeOffset? HandedOffAt,
    string? Owner, string Stage, int FollowUpCount, int FollowUpsRequired, string PolicyVersion)
{
    /// <summary>The format version written today.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The message announcing <paramref name="breach"/>.</summary>
    public static SlaBreachMessage For(SlaBreach breach) => new(
        CurrentVersion, breach.BreachId, breach.LeadId, DeadlineKindCodes.ToCode(breach.Kind), breach.DueAt, breach.DetectedAt, breach.HandedOffAt,
        breach.Owner, FunnelStageCodes.ToCode(breach.Stage), breach.FollowUpCount, breach.FollowUpsRequired, breach.PolicyVersion);

    /// <summary>The message's JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>Reads a message written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a message.</exception>
    public static SlaBreachMessage Parse(string json) =>
        JsonSerializer.Deserialize<SlaBreachMessage>(json, JsonSerializerOptions.Web) ?? throw new JsonException("An SLA breach message cannot be null.");
}
