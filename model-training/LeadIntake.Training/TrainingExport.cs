using System.Globalization;
using System.Text;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Scoring;
using LeadIntake.Storage.Training;

namespace LeadIntake.Training;

/// <summary>Which outcome <c>export-training</c> labels, and its codes on the command line.</summary>
public enum ExportOutcome
{
    /// <summary>Won (1) against lost (0): leads that reached either ("won-lost").</summary>
    WonLost,

    /// <summary>Reached SQL (1) against disqualified without ever reaching SQL (0) ("sql-disqualified").</summary>
    SqlDisqualified,
}

/// <summary>The closed-loop training export: each lead's features as first scored, its outcome, and when it was scored.</summary>
/// <remarks>
/// <para>Columns: <c>lead_id</c>, <c>scored_at</c> (ISO-8601 UTC of the first <c>ScoreSnapshots</c> row), the features of
/// <see cref="LeadFeatureNames.All"/> as the scorer saw them (the names a trained model's card and the app's scorer use), then the
/// label (<see cref="LabelColumn"/>: 1 or 0). <c>train --history FILE --label won --time-column scored_at</c> reads it as is: the id
/// column is dropped as ID-like and the time column only orders the holdout. The recent file has the same columns without the label.</para>
/// <para>Features are never today's <c>Leads</c> values: a lead whose title changed after its first score is exported with the old title.</para>
/// </remarks>
public static class TrainingExport
{
    /// <summary>The lead id column.</summary>
    public const string LeadIdColumn = "lead_id";

    /// <summary>The time column: when the lead was first scored.</summary>
    public const string TimeColumn = "scored_at";

    /// <summary>The command-line codes of <see cref="ExportOutcome"/>.</summary>
    public static IReadOnlyDictionary<string, ExportOutcome> OutcomeCodes { get; } = new Dictionary<string, ExportOutcome>(StringComparer.Ordinal)
    {
        ["won-lost"] = ExportOutcome.WonLost,
        ["sql-disqualified"] = ExportOutcome.SqlDisqualified,
    };

    /// <summary>The label column of <paramref name="outcome"/>: <c>won</c> or <c>reached_sql</c>.</summary>
    public static string LabelColumn(ExportOutcome outcome) => outcome == ExportOutcome.WonLost ? "won" : "reached_sql";

    /// <summary>The stages whose first moves decide <paramref name="outcome"/>.</summary>
    public static IReadOnlyList<FunnelStage> Stages(ExportOutcome outcome) => outcome == ExportOutcome.WonLost
        ? [FunnelStage.Won, FunnelStage.Lost]
        : [FunnelStage.SalesQualified, FunnelStage.Disqualified];

    /// <summary>
    /// Reads <paramref name="history"/> and writes the labelled CSV to <paramref name="outPath"/> and, when <paramref name="recentPath"/>
    /// is given, the leads first scored since <paramref name="recentSince"/> to it: the step shared by the CLI and the notebook.
    /// </summary>
    /// <exception cref="Azure.RequestFailedException">Storage failed.</exception>
    /// <exception cref="FormatException">A snapshot's features are unreadable.</exception>
    public static async Task<ExportSummary> ExportAsync(
        ClosedLoopHistory history, ExportOutcome outcome, DateOnly? from, DateOnly? to, string outPath, string? recentPath, DateTimeOffset recentSince,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        var firstScores = await history.FirstScoresAsync(cancellationToken);
        var rows = Labelled(firstScores, await history.FirstReachedAsync(Stages(outcome), cancellationToken), outcome, from, to);
        WriteLabelled(outPath, rows, outcome);
        var recent = recentPath is null ? null : Recent(firstScores, recentSince);
        if (recent is not null)
            WriteRecent(recentPath!, recent);
        return new ExportSummary(
            Path.GetFullPath(outPath), LabelColumn(outcome), rows.Count, rows.Count(r => r.Positive), rows.Count == 0 ? null : rows[0].Score.ScoredAt,
            rows.Count == 0 ? null : rows[^1].Score.ScoredAt, recentPath is null ? null : Path.GetFullPath(recentPath), recent?.Count, recentSince);
    }

    /// <summary>The labelled rows: leads that reached the outcome and were first scored from <paramref name="from"/> to <paramref name="to"/> (UTC days, inclusive), by score time.</summary>
    public static IReadOnlyList<ExportRow> Labelled(
        IReadOnlyDictionary<string, FirstScore> firstScores, IReadOnlyList<StageReached> reached, ExportOutcome outcome, DateOnly? from, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(firstScores);
        ArgumentNullException.ThrowIfNull(reached);
        var (positive, negative) = outcome == ExportOutcome.WonLost
            ? (FunnelStage.Won, FunnelStage.Lost)
            : (FunnelStage.SalesQualified, FunnelStage.Disqualified);
        var stagesByLead = reached.GroupBy(r => r.LeadId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Stage).ToHashSet(), StringComparer.Ordinal);
        return [.. stagesByLead
            .Where(p => p.Value.Contains(positive) || p.Value.Contains(negative))
            .Where(p => firstScores.ContainsKey(p.Key))
            .Select(p => new ExportRow(firstScores[p.Key], p.Value.Contains(positive)))
            .Where(r => InRange(r.Score.ScoredAt, from, to))
            .OrderBy(r => r.Score.ScoredAt).ThenBy(r => r.Score.LeadId, StringComparer.Ordinal)];
    }

    /// <summary>The leads first scored at or after <paramref name="since"/>, labelled or not, by score time: the drift gate's recent population.</summary>
    public static IReadOnlyList<FirstScore> Recent(IReadOnlyDictionary<string, FirstScore> firstScores, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(firstScores);
        return [.. firstScores.Values.Where(s => s.ScoredAt >= since).OrderBy(s => s.ScoredAt).ThenBy(s => s.LeadId, StringComparer.Ordinal)];
    }

    /// <summary>Writes <paramref name="rows"/> as CSV (RFC 4180, UTF-8 without BOM) with the label column of <paramref name="outcome"/>.</summary>
    public static void WriteLabelled(string path, IReadOnlyList<ExportRow> rows, ExportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Write(path, [.. Header(), LabelColumn(outcome)], rows.Select(r => Cells(r.Score).Append(r.Positive ? "1" : "0")));
    }

    /// <summary>Writes <paramref name="scores"/> as CSV without a label: the input of <c>publish --recent</c>.</summary>
    public static void WriteRecent(string path, IReadOnlyList<FirstScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        Write(path, Header(), scores.Select(Cells));
    }

    private static IEnumerable<string> Header() => [LeadIdColumn, TimeColumn, .. LeadFeatureNames.All];

    private static IEnumerable<string?> Cells(FirstScore score) =>
        [score.LeadId, score.ScoredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), .. score.Features.Values.Select(LeadFeatures.Format)];

    private static bool InRange(DateTimeOffset at, DateOnly? from, DateOnly? to)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return (from is not { } first || day >= first) && (to is not { } last || day <= last);
    }

    private static void Write(string path, IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            Directory.CreateDirectory(directory);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\r\n";
        writer.WriteLine(string.Join(',', header.Select(Quote)));
        foreach (var row in rows)
            writer.WriteLine(string.Join(',', row.Select(Quote)));
    }

    // RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled; a missing value is an empty cell.
    private static string Quote(string? cell) =>
        cell is null ? "" : cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}

/// <summary>What <see cref="TrainingExport.ExportAsync"/> wrote.</summary>
/// <param name="Path">The training CSV.</param>
/// <param name="Label">Its label column.</param>
/// <param name="Rows">Labelled rows.</param>
/// <param name="Positives">Rows labelled 1.</param>
/// <param name="FirstScoredAt">The earliest row's score time; null without rows.</param>
/// <param name="LastScoredAt">The latest row's score time; null without rows.</param>
/// <param name="RecentPath">The recent leads' CSV, if asked for.</param>
/// <param name="RecentLeads">Leads in it.</param>
/// <param name="RecentSince">What counted as recent.</param>
public sealed record ExportSummary(
    string Path, string Label, int Rows, int Positives, DateTimeOffset? FirstScoredAt, DateTimeOffset? LastScoredAt, string? RecentPath, int? RecentLeads,
    DateTimeOffset RecentSince)
{
    /// <summary>The lines the CLI prints: rows, positives, time range, the recent file, and how to train on it.</summary>
    public override string ToString()
    {
        var lines = new List<string>
        {
            FirstScoredAt is { } first && LastScoredAt is { } last
                ? string.Create(CultureInfo.InvariantCulture,
                    $"Exported {Rows} rows ({Positives} with {Label} = 1, {Rows - Positives} with 0), first scored {Iso(first)} – {Iso(last)}, to {Path}")
                : $"Exported 0 rows to {Path}: no lead first scored in the range has reached the outcome yet.",
        };
        if (RecentPath is not null)
            lines.Add($"Exported {RecentLeads} leads first scored since {Iso(RecentSince)} to {RecentPath}");
        lines.Add($"Train on it: train --history {Path} --label {Label} --time-column {TrainingExport.TimeColumn} --out DIR");
        return string.Join(Environment.NewLine, lines);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One labelled row of the export.</summary>
/// <param name="Score">The lead's first score and its features.</param>
/// <param name="Positive">True for the outcome's positive side (won, reached SQL).</param>
public sealed record ExportRow(FirstScore Score, bool Positive);
