using LeadIntake.Domain.Funnel;

namespace LeadIntake.Application.Export;

/// <summary>Which leads <c>/api/leads.csv</c> lists.</summary>
/// <param name="Stage">Only leads now in this stage; null for every stage.</param>
/// <param name="FirstSeenFrom">Only leads first seen at or after this time; null for no lower bound.</param>
/// <param name="FirstSeenBefore">Only leads first seen before this time; null for no upper bound.</param>
public sealed record LeadExportQuery(FunnelStage? Stage, DateTimeOffset? FirstSeenFrom, DateTimeOffset? FirstSeenBefore);

/// <summary>One lead as the CSV export lists it: who, where in the funnel, how it scored, where it came from, how it ended.</summary>
/// <param name="LeadId">The lead id (<c>ld_…</c>).</param>
/// <param name="Email">The normalised email address.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Company">Company.</param>
/// <param name="Country">Country.</param>
/// <param name="Stage">The stage code (<c>MQL</c>).</param>
/// <param name="Score">Score 0–100.</param>
/// <param name="Grade">Grade A–D.</param>
/// <param name="Engagement">Engagement points.</param>
/// <param name="Channel">Acquisition channel code.</param>
/// <param name="Campaign">The first touch's campaign.</param>
/// <param name="FormId">The latest form used.</param>
/// <param name="Owner">The sales owner.</param>
/// <param name="FirstSeenAt">When the first submission was received (UTC).</param>
/// <param name="StageEnteredAt">When the lead entered <paramref name="Stage"/> (UTC).</param>
/// <param name="Outcome"><c>won</c> or <c>lost</c> once closed.</param>
/// <param name="Amount">The opportunity's or won deal's amount.</param>
public sealed record LeadExportRow(
    string LeadId, string Email, string? FirstName, string? LastName, string? Company, string? Country, string Stage, int Score, string? Grade,
    int Engagement, string? Channel, string? Campaign, string? FormId, string? Owner, DateTimeOffset FirstSeenAt, DateTimeOffset? StageEnteredAt,
    string? Outcome, double? Amount)
{
    /// <summary>Whether marketing consent is in force (false after an explicit "no" or an unsubscribe).</summary>
    public bool ConsentMarketing { get; init; }

    /// <summary>Version of the consent wording of the latest consent given; kept after a withdrawal.</summary>
    public string? ConsentVersion { get; init; }

    /// <summary>When the latest consent was given (UTC); kept after a withdrawal.</summary>
    public DateTimeOffset? ConsentAt { get; init; }
}

/// <summary>The leads of the <c>Leads</c> table matching a query, page by page.</summary>
public interface ILeadExportSource
{
    /// <summary>The matching leads, read from storage as they are enumerated (never all at once), in storage order.</summary>
    IAsyncEnumerable<LeadExportRow> ReadAsync(LeadExportQuery query, CancellationToken cancellationToken);
}
