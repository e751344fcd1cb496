using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LeadIntake.Learning.Data;
using LeadIntake.Scoring;

namespace LeadIntake.Learning.Features;

/// <summary>A history's training rows after inference: the profile, the feature schema, the rows used and their outcomes.</summary>
internal sealed record PreparedData(DatasetProfile Profile, FeatureSchema Schema, int[] Rows, bool[] Labels, TrainingDataFingerprint Fingerprint);

/// <summary>Infers the feature schema of a history: kinds, stray tokens, levels, ID-like and constant columns, the leakage guard.</summary>
/// <remarks>
/// Rules: a column is numeric when its non-missing cells parse as invariant-culture numbers, allowing a few stray tokens
/// (at most 3 distinct and 2 % of the cells, e.g. <c>?</c>, <c>-</c>, <c>#N/A</c>) that are then read as missing and named in the
/// report; otherwise, or when listed in <see cref="TrainingOptions.Categorical"/>, categorical. ID-like: at least 95 % of rows
/// present and distinct, text or whole numbers. Levels are kept by descending frequency (ties by ordinal name), each seen in at
/// least 5 rows, up to <see cref="TrainingOptions.MaxCategoryLevels"/>; the rest set no indicator and the cap is reported.
/// </remarks>
internal static class DatasetAnalyzer
{
    private const double IdDistinctShare = 0.95;
    private const int MinLevelRows = 5;
    private const int MaxStrayTokens = 3;
    private const double MaxStrayShare = 0.02;

    public static IReadOnlyList<string> MissingMarkers(TrainingOptions options) =>
        [.. FeatureSchema.DefaultMissingMarkers.Concat(options.MissingMarkers).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <exception cref="ArgumentException">Unknown columns in the options.</exception>
    /// <exception cref="LeakageRefusedException">A near-certain leak neither dropped nor kept on purpose.</exception>
    public static PreparedData Prepare(TabularData data, TrainingOptions options, LabelInterpretation label, int[] rows)
    {
        var markers = MissingMarkers(options);
        var labels = rows.Select(r => label.Labels[r] > 0.5).ToArray();
        var exclude = Split(options.Exclude);
        var include = Split(options.Include);
        var categorical = Split(options.Categorical);
        var keep = Split(options.KeepLeaky);
        var unknown = exclude.Concat(include).Concat(categorical).Concat(keep).Where(n => data.IndexOf(n) < 0).Distinct().ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown column(s) in the options: {string.Join(", ", unknown)}. Columns: {string.Join(", ", data.Columns)}.", nameof(options));

        var reader = new CellReader(new FeatureSchema([], markers, []));
        var drafts = new List<Draft>();
        for (var c = 0; c < data.Columns.Count; c++)
        {
            if (c == label.Column)
                continue;
            var name = data.Columns[c];
            var draft = Analyse(data, c, rows, reader, options, categorical.Contains(name));
            draft.ExcludedReason = exclude.Contains(name) ? "excluded by option"
                : include.Count > 0 && !include.Contains(name) ? "not in the include list"
                : name == options.TimeColumn ? "the holdout's time column"
                : draft.ExcludedReason;
            drafts.Add(draft);
        }

        var candidates = drafts.Where(d => d.ExcludedReason is null).ToList();
        var folds = Folds.Assign(labels, LeakageGuard.FoldCount, options.Seed);
        var aucs = candidates.Select(d => LeakageGuard.SingleColumnAuc(d.Bins, labels, folds)).ToArray();
        var flags = LeakageGuard.Flag(aucs, options);
        var refused = new List<(string, double)>();
        for (var f = 0; f < candidates.Count; f++)
        {
            var draft = candidates[f];
            draft.Auc = aucs[f];
            draft.Leak = flags[f];
            if (flags[f] != LeakLevel.None && options.DropLeaky)
                draft.ExcludedReason = $"likely leak: single-column AUC {aucs[f]:0.000} (dropped)";
            else if (flags[f] == LeakLevel.Perfect && !keep.Contains(draft.Column.Name))
                refused.Add((draft.Column.Name, aucs[f]));
        }

        if (refused.Count > 0)
            throw new LeakageRefusedException(refused);

        var excluded = new List<ExcludedColumn> { new(data.Columns[label.Column], "label") };
        excluded.AddRange(drafts.Where(d => d.ExcludedReason is not null).Select(d => new ExcludedColumn(d.Column.Name, d.ExcludedReason!)));
        var schema = new FeatureSchema([.. drafts.Where(d => d.ExcludedReason is null).Select(d => d.Column)], markers, excluded);
        var profile = new DatasetProfile(options.Label, label.PositiveLabel, label.NegativeLabels, rows.Length, labels.Count(y => y),
            [.. drafts.Select(d => d.ToProfile())], LeakageGuard.Describe(options));
        return new PreparedData(profile, schema, rows, labels, Fingerprint(data, rows, labels.Count(y => y)));
    }

    private static Draft Analyse(TabularData data, int column, int[] rows, CellReader reader, TrainingOptions options, bool forceCategorical)
    {
        var name = data.Columns[column];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var stray = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = 0;
        var wholeNumbers = true;
        foreach (var r in rows)
        {
            var cell = data.Rows[r][column];
            if (reader.IsMissing(cell))
            {
                missing++;
                continue;
            }

            var text = cell!.Trim();
            counts[text] = counts.GetValueOrDefault(text) + 1;
            if (CellReader.TryParseNumber(text, out var value))
                wholeNumbers &= value == Math.Floor(value);
            else
                stray[text] = stray.GetValueOrDefault(text) + 1;
        }

        var present = rows.Length - missing;
        var strayCells = stray.Values.Sum();
        var numeric = !forceCategorical && present > strayCells && stray.Count <= MaxStrayTokens && strayCells <= MaxStrayShare * present;
        var notes = new List<string>();
        if (numeric && stray.Count > 0)
            notes.Add($"numeric; stray token(s) read as missing: {string.Join(", ", stray.OrderByDescending(p => p.Value).Select(p => $"'{p.Key}' ×{p.Value}"))}");
        if (forceCategorical)
            notes.Add("categorical by --categorical");

        IReadOnlyList<string> levels = [];
        int[] bins;
        if (numeric)
        {
            missing += strayCells;
            bins = LeakageGuard.QuantileBins([.. rows.Select(r => reader.Number(data.Rows[r][column]))]);
        }
        else
        {
            levels = [.. counts.Where(p => p.Value >= MinLevelRows).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(options.MaxCategoryLevels).Select(p => p.Key)];
            if (levels.Count < counts.Count)
                notes.Add($"{levels.Count} of {counts.Count} levels kept (at most {options.MaxCategoryLevels}, each in ≥ {MinLevelRows} rows); the rest set no indicator");
            var index = levels.Select((level, i) => (level, i)).ToDictionary(p => p.level, p => p.i, StringComparer.Ordinal);
            bins = [.. rows.Select(r => reader.Category(data.Rows[r][column]) is { } v ? index.GetValueOrDefault(v, levels.Count) : levels.Count + 1)];
        }

        var idLike = rows.Length > 0 && present >= IdDistinctShare * rows.Length && counts.Count >= IdDistinctShare * present && (!numeric || wholeNumbers);
        var reason = idLike ? "ID-like: unique per row"
            : counts.Count == 0 ? "always missing"
            : counts.Count == 1 && missing == 0 ? "constant"
            : !numeric && levels.Count == 0 ? "no level occurs in 5 rows"
            : null;
        return new Draft(new FeatureColumn(name, numeric ? FeatureKind.Numeric : FeatureKind.Categorical, levels),
            (double)missing / Math.Max(1, rows.Length), counts.Count, idLike, bins, notes)
        {
            ExcludedReason = reason,
        };
    }

    private static HashSet<string> Split(IReadOnlyList<string> lists) =>
        new(lists.SelectMany(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)), StringComparer.Ordinal);

    /// <summary>SHA-256 over the header and the rows in row order, with the row and positive counts.</summary>
    internal static TrainingDataFingerprint Fingerprint(TabularData data, IReadOnlyCollection<int> rows, int positives)
    {
        // Cells joined with U+001F (unit separator), rows with U+001E, a missing cell as U+0000: one hash call per row.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        void AppendLine(IEnumerable<string?> cells)
        {
            line.Clear();
            foreach (var cell in cells)
                line.Append(cell ?? "\u0000").Append('\u001f');
            line.Append('\u001e');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }

        AppendLine(data.Columns);
        foreach (var r in rows.Order())
            AppendLine(data.Rows[r]);
        return new TrainingDataFingerprint(Convert.ToHexStringLower(hash.GetHashAndReset()), rows.Count, positives);
    }

    private sealed class Draft(FeatureColumn column, double missingRate, int distinct, bool idLike, int[] bins, IReadOnlyList<string> notes)
    {
        public FeatureColumn Column { get; } = column;

        public int[] Bins { get; } = bins;

        public string? ExcludedReason { get; set; }

        public double? Auc { get; set; }

        public LeakLevel Leak { get; set; }

        public ColumnProfile ToProfile() =>
            new(Column.Name, Column.Kind, missingRate, distinct, idLike, ExcludedReason, Auc, Leak, notes);
    }
}

/// <summary>Parses the time column for a most-recent holdout.</summary>
internal static class TimeColumn
{
    public static DateTimeOffset? Parse(string? cell) =>
        DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
