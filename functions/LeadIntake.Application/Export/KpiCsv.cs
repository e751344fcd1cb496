using LeadIntake.Application.Csv;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Application.Export;

/// <summary>The KPI report as CSV (<c>GET /api/kpis.csv</c>): one row for the totals, one per segment, one per series period.</summary>
/// <remarks>
/// Columns (<see cref="Columns"/>): <c>row</c> (<c>total</c>, <c>segment</c> or <c>period</c>), <c>dimension</c>,
/// <c>value</c>, <c>period</c> and <c>start</c> (series rows), the volumes, the goals of the period (series rows), the six
/// conversion rates (later ÷ earlier, 0–1), cost (<c>currency</c>, <c>spend</c>, cost per lead, MQL, SQL and customer,
/// <c>missingMonths</c> space-separated) and SLA compliance (hand-offs, within, late, missed, pending, compliance 0–1,
/// follow-ups met, missed and pending). Series rows carry volumes and goals only; an empty cell is "not known" (no
/// denominator, no spend), never zero. Pure.
/// </remarks>
public static class KpiCsv
{
    private static readonly string[] s_volumes = ["leads", "mqls", "sals", "sqls", "opportunities", "won", "lost", "nurture", "disqualified", "wonAmount"];
    private static readonly string[] s_goals = ["leads", "mqls", "sals", "sqls", "opportunities", "won"];
    private static readonly string[] s_rates = ["leadToMql", "mqlToSal", "salToSql", "mqlToSql", "sqlToWon", "leadToWon"];

    /// <summary>The header row, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "row", "dimension", "value", "period", "start", .. s_volumes, .. s_goals.Select(g => "goal_" + g), .. s_rates,
        "currency", "spend", "costPerLead", "costPerMql", "costPerSql", "costPerCustomer", "missingMonths",
        "slaHandoffs", "slaRespondedWithinSla", "slaRespondedLate", "slaMissed", "slaPending", "slaCompliance",
        "followUpsMet", "followUpsMissed", "followUpsPending",
    ];

    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/>.</summary>
    public static async Task WriteAsync(KpiReport report, TextWriter writer, CancellationToken cancellationToken)
    {
        var csv = new CsvWriter(writer);
        await csv.WriteRowAsync(Columns, cancellationToken);
        foreach (var segment in (IEnumerable<KpiSegment>)[report.Totals, .. report.Segments])
        {
            csv.Text(ReferenceEquals(segment, report.Totals) ? "total" : "segment").Text(segment.Dimension).Text(segment.Value).Text(null).Date(null);
            Volumes(csv, segment.Volumes);
            foreach (var _ in s_goals)
                csv.Text(null);
            foreach (var name in s_rates)
                csv.Number(segment.Conversion.FirstOrDefault(c => RateName(c) == name)?.Rate);
            var cost = segment.Cost;
            csv.Text(cost?.Currency).Number(cost?.Spend).Number(cost?.PerLead).Number(cost?.PerMql).Number(cost?.PerSql).Number(cost?.PerCustomer)
                .Text(cost is null ? null : string.Join(' ', cost.MissingMonths));
            var sla = segment.Sla;
            csv.Number(sla.Handoffs).Number(sla.RespondedWithinSla).Number(sla.RespondedLate).Number(sla.Missed).Number(sla.Pending).Number(sla.Compliance)
                .Number(sla.FollowUpsMet).Number(sla.FollowUpsMissed).Number(sla.FollowUpsPending);
            await csv.EndRowAsync(cancellationToken);
        }

        foreach (var point in report.Series)
        {
            csv.Text("period").Text(KpiDimensionCodes.Table.ToCode(KpiDimension.All)).Text(KpiDimensionCodes.Table.ToCode(KpiDimension.All))
                .Text(point.Period).Date(point.Start);
            Volumes(csv, point.Volumes);
            foreach (var goal in s_goals)
                csv.Number(point.Goals is { } goals && goals.TryGetValue(goal, out var value) ? value : null);
            for (var i = 5 + s_volumes.Length + s_goals.Length; i < Columns.Count; i++)
                csv.Text(null);
            await csv.EndRowAsync(cancellationToken);
        }
    }

    /// <summary>The column name of a conversion: <c>leadToMql</c>, <c>mqlToSql</c>, <c>sqlToWon</c>…</summary>
    public static string RateName(KpiConversion conversion) =>
        conversion.From.ToLowerInvariant() + "To" + char.ToUpperInvariant(conversion.To[0]) + conversion.To[1..].ToLowerInvariant();

    private static void Volumes(CsvWriter csv, FunnelVolumes v) =>
        csv.Number(v.Leads).Number(v.Mqls).Number(v.Sals).Number(v.Sqls).Number(v.Opportunities).Number(v.Won).Number(v.Lost).Number(v.Nurture)
            .Number(v.Disqualified).Number(v.WonAmount);
}
