namespace LeadIntake.Learning;

/// <summary>A column that alone predicts the outcome suspiciously well.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Auc">Its single-column AUC.</param>
/// <param name="Dropped">Whether it was dropped (<see cref="TrainingOptions.DropLeaky"/>) or only flagged.</param>
public sealed record LeakWarning(string Column, double Auc, bool Dropped);
