using System.Globalization;
using LeadIntake.Learning.Data;
using LeadIntake.Learning.Features;
using LeadIntake.Scoring;

namespace LeadIntake.Learning;

/// <summary>
/// Which rows of the history a model held out: <c>holdout-rows.txt</c> in the model folder (0-based data-row indices, one a line,
/// as in the shared <c>x-education-split</c>), checked against the card's <see cref="ModelCard.HoldoutData"/> fingerprint.
/// </summary>
/// <remarks>
/// Indices, not cells: the folder never carries lead data. The publish gate reads them to score the very same rows with the current
/// model; it needs the history the model was trained from.
/// </remarks>
public static class HoldoutRows
{
    /// <summary>File name inside the model folder.</summary>
    public const string FileName = "holdout-rows.txt";

    /// <summary>The held-out rows of <paramref name="history"/> for the model in <paramref name="directory"/>.</summary>
    /// <returns>The rows, or <see langword="null"/> when the model has no holdout or its folder has no <see cref="FileName"/>.</returns>
    /// <exception cref="InvalidDataException">The rows are not in <paramref name="history"/> or their cells do not hash to the card's fingerprint: not the history the model was trained from.</exception>
    public static TabularData? Select(TabularData history, string directory, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(card);
        var path = Path.Combine(directory, FileName);
        if (card.HoldoutData is not { } expected || !File.Exists(path))
            return null;
        var rows = File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        if (rows.Any(r => r < 0 || r >= history.RowCount))
            throw new InvalidDataException($"The history has {history.RowCount} rows but {FileName} names rows up to {rows.Max()}: not the history model {card.ModelVersion} was trained from.");
        var fingerprint = DatasetAnalyzer.Fingerprint(history, rows, expected.Positives);
        if (fingerprint.Sha256 != expected.Sha256)
            throw new InvalidDataException($"The history's rows named in {FileName} do not hash to the card's holdout fingerprint: not the history model {card.ModelVersion} was trained from.");
        return history.SelectRows(rows);
    }

    internal static void Write(string directory, IReadOnlyList<int> rows) =>
        File.WriteAllLines(Path.Combine(directory, FileName), rows.Select(r => r.ToString(CultureInfo.InvariantCulture)));
}
