using System.Security.Cryptography;
using System.Text;
using LeadIntake.Learning.Data;

namespace LeadIntake.Learning.Features;

/// <summary>Infers the feature schema of a history: kinds, levels, ID-like and constant columns, options, leakage guard.</summary>
/// <remarks>
/// Rules: a column is numeric when every non-missing cell parses as an invariant-culture number, else categorical.
/// It is ID-like when at least 95 % of its labelled rows are present and distinct and it is text or whole numbers
/// (continuous measurements are legitimately unique). Categorical levels are kept by descending frequency (ties by
/// ordinal name) up to <see cref="TrainingOptions.MaxCategoryLevels"/>, levels seen in fewer than 5 rows fold into "other".
/// </remarks>
internal static class DatasetAnalyzer
{
    private const double IdDistinctShare = 0.95;
    private const int MinLevelRows = 5;

    public static PreparedData Prepare(TabularData data, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxCategoryLevels is < 1 or > 62)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxCategoryLevels must be between 1 and 62.");
        var markers = FeatureSchema.DefaultMissingMarkers.Concat(options.MissingMarkers)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var label = LabelInterpretation.Read(data, options.Label, options.PositiveLabel, markers);
        var rows = Enumerable.Range(0, data.RowCount).Where(r => !double.IsNaN(label.Labels[r])).ToArray();
        var labels = rows.Select(r => label.Labels[r]).ToArray();
        var positives = (int)labels.Sum();

        var excludeSet = Split(options.Exclude);
        var includeSet = Split(options.Include);
        var unknown = excludeSet.Concat(includeSet).Where(n => data.IndexOf(n) < 0).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown column(s) in include/exclude: {string.Join(", ", unknown)}. Columns: {string.Join(", ", data.Columns)}.", nameof(options));

        var missing = new HashSet<string>(markers.Select(m => m.Trim()), StringComparer.OrdinalIgnoreCase);
        var drafts = new List<ColumnDraft>();
        for (var c = 0; c < data.Columns.Count; c++)
        {
            if (c == label.Column)
                continue;
            drafts.Add(Analyse(data, c, rows, missing, options, excludeSet, includeSet));
        }

        var candidates = drafts.Where(d => d.ExcludedReason is null).ToList();
        var candidateSchema = new FeatureSchema(candidates.Select(d => d.Feature).ToArray(), markers, []);
        var encoder = new FeatureEncoder(candidateSchema);
        var encoded = candidates.Select((d, f) => rows.Select(r => encoder.EncodeText(f, data.Rows[r][d.Index])).ToArray()).ToArray();
        var aucs = candidates.Select((d, f) => LeakageGuard.SingleColumnAuc(d.Feature, encoded[f], labels, options.Seed)).ToArray();
        var leaks = LeakageGuard.Flag(aucs, options.LeakAucThreshold);

        var keptFeatures = new List<FeatureColumn>();
        var keptColumns = new List<double[]>();
        for (var f = 0; f < candidates.Count; f++)
        {
            var draft = candidates[f];
            draft.Auc = aucs[f];
            draft.IsLeak = leaks[f];
            if (leaks[f] && options.DropLeaky)
            {
                draft.ExcludedReason = $"likely leak: single-column AUC {aucs[f]:0.000} (dropped)";
                continue;
            }

            keptFeatures.Add(draft.Feature);
            keptColumns.Add(encoded[f]);
        }

        var excluded = new List<ExcludedColumn> { new(data.Columns[label.Column], "label") };
        excluded.AddRange(drafts.Where(d => d.ExcludedReason is not null).Select(d => new ExcludedColumn(d.Feature.Name, d.ExcludedReason!)));
        var schema = new FeatureSchema(keptFeatures, markers, excluded);
        var profile = new DatasetProfile(options.Label, label.PositiveLabel, label.NegativeLabels, rows.Length, positives,
            drafts.Select(d => d.ToProfile()).ToArray(), LeakageGuard.Describe(options.LeakAucThreshold));
        return new PreparedData(profile, schema, new EncodedDataset(schema, keptColumns.ToArray(), labels),
            Fingerprint(data, rows, positives));
    }

    private static ColumnDraft Analyse(TabularData data, int column, int[] rows, HashSet<string> missing, TrainingOptions options,
        HashSet<string> exclude, HashSet<string> include)
    {
        var name = data.Columns[column];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var missingCount = 0;
        var numeric = true;
        var wholeNumbers = true;
        foreach (var r in rows)
        {
            var cell = data.Rows[r][column]?.Trim();
            if (cell is null || missing.Contains(cell))
            {
                missingCount++;
                continue;
            }

            counts[cell] = counts.GetValueOrDefault(cell) + 1;
            if (numeric && FeatureEncoder.TryParseNumber(cell, out var value))
                wholeNumbers &= value == Math.Floor(value);
            else
                numeric = false;
        }

        var kind = numeric && counts.Count > 0 ? FeatureKind.Numeric : FeatureKind.Categorical;
        var levels = kind == FeatureKind.Categorical
            ? counts.Where(p => p.Value >= MinLevelRows).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(options.MaxCategoryLevels).Select(p => p.Key).ToArray()
            : [];
        var present = rows.Length - missingCount;
        var idLike = rows.Length > 0 && present >= IdDistinctShare * rows.Length && counts.Count >= IdDistinctShare * present &&
                     (kind == FeatureKind.Categorical || wholeNumbers);
        string? reason = exclude.Contains(name) ? "excluded by option"
            : include.Count > 0 && !include.Contains(name) ? "not in the include list"
            : idLike ? "ID-like: unique per row"
            : counts.Count == 0 ? "always missing"
            : counts.Count == 1 && missingCount == 0 ? "constant"
            : null;
        return new ColumnDraft(column, new FeatureColumn(name, kind, levels), (double)missingCount / Math.Max(1, rows.Length), counts.Count, idLike)
        {
            ExcludedReason = reason,
        };
    }

    private static HashSet<string> Split(IReadOnlyList<string> lists) =>
        new(lists.SelectMany(l => l.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)), StringComparer.Ordinal);

    private static TrainingDataFingerprint Fingerprint(TabularData data, int[] rows, int positives)
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
        foreach (var r in rows)
            AppendLine(data.Rows[r]);
        return new TrainingDataFingerprint(Convert.ToHexStringLower(hash.GetHashAndReset()), rows.Length, positives);
    }

    private sealed class ColumnDraft(int index, FeatureColumn feature, double missingRate, int distinct, bool idLike)
    {
        public int Index { get; } = index;

        public FeatureColumn Feature { get; } = feature;

        public string? ExcludedReason { get; set; }

        public double? Auc { get; set; }

        public bool IsLeak { get; set; }

        public ColumnProfile ToProfile() =>
            new(Feature.Name, Feature.Kind, missingRate, distinct, idLike, ExcludedReason, Auc, IsLeak);
    }
}
