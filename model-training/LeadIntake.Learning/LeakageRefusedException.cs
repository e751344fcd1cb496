namespace LeadIntake.Learning;

/// <summary>Training refused: columns separate the outcome almost perfectly on their own, so they are almost surely filled in after it.</summary>
public sealed class LeakageRefusedException(IReadOnlyList<(string Column, double Auc)> columns)
    : Exception(
        $"Refusing to train: {string.Join(", ", columns.Select(c => $"'{c.Column}' (single-column AUC {c.Auc:0.000})"))} " +
        "alone separate(s) converted from not converted almost perfectly, which a field known at intake cannot. " +
        "Pass --drop-leaky to drop it, or --keep-leaky COL if you are sure it is known when a lead arrives.")
{
    /// <summary>The refused columns with their single-column AUC.</summary>
    public IReadOnlyList<(string Column, double Auc)> Columns { get; } = columns;
}
