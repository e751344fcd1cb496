namespace LeadIntake.Learning.Features;

/// <summary>How a label column was read: which value is positive, and each row's 0/1 (NaN when the label is blank).</summary>
internal sealed record LabelInterpretation(int Column, string PositiveLabel, IReadOnlyList<string> NegativeLabels, double[] Labels)
{
    private static readonly HashSet<string> PositiveWords = new(
        ["1", "1.0", "yes", "y", "true", "t", "won", "win", "converted", "positive"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> NegativeWords = new(
        ["0", "0.0", "no", "n", "false", "f", "lost", "loss", "not converted", "unconverted", "negative"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="label"/>; with no <paramref name="positiveLabel"/>, the column must hold two values, one a known positive word.</summary>
    public static LabelInterpretation Read(Data.TabularData data, string label, string? positiveLabel, IReadOnlyList<string> missingMarkers)
    {
        var column = data.IndexOf(label);
        if (column < 0)
            throw new ArgumentException($"The label column '{label}' is not in the data. Columns: {string.Join(", ", data.Columns)}.", nameof(label));
        var missing = new HashSet<string>(missingMarkers.Select(m => m.Trim()), StringComparer.OrdinalIgnoreCase);
        var values = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in data.Rows)
        {
            var cell = row[column]?.Trim();
            if (cell is not null && !missing.Contains(cell))
                values.Add(cell);
        }

        string positive;
        if (positiveLabel is not null)
        {
            positive = positiveLabel.Trim();
            if (!values.Contains(positive))
                throw new ArgumentException($"The positive label '{positive}' never occurs in '{label}' (values: {string.Join(", ", values)}).", nameof(positiveLabel));
        }
        else
        {
            var positives = values.Where(PositiveWords.Contains).ToArray();
            var negatives = values.Where(v => !PositiveWords.Contains(v)).ToArray();
            if (values.Count > 2 || positives.Length != 1 || !negatives.All(NegativeWords.Contains))
                throw new ArgumentException(
                    $"Cannot tell which value of '{label}' means converted (values: {string.Join(", ", values)}); " +
                    "expected two values such as 1/0, yes/no, true/false, won/lost, converted/not converted — name it with the positive-label option.",
                    nameof(label));
            positive = positives[0];
        }

        var labels = new double[data.RowCount];
        for (var r = 0; r < labels.Length; r++)
        {
            var cell = data.Rows[r][column]?.Trim();
            labels[r] = cell is null || missing.Contains(cell) ? double.NaN
                : string.Equals(cell, positive, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        var negativeLabels = values.Where(v => !string.Equals(v, positive, StringComparison.OrdinalIgnoreCase)).ToArray();
        return new LabelInterpretation(column, positive, negativeLabels, labels);
    }
}
