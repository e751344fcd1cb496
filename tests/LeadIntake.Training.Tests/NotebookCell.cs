namespace LeadIntake.Training.Tests;

/// <summary>One cell of a Jupyter notebook as the notebook test sees it.</summary>
/// <param name="Kind">Jupyter cell type: <c>code</c> or <c>markdown</c>.</param>
/// <param name="Language">Kernel of a code cell (<c>csharp</c>, <c>pwsh</c>, …), from Polyglot Notebooks metadata.</param>
/// <param name="Tags">Cell tags, e.g. <c>parameters</c> (papermill's convention for the cell a runner may replace).</param>
/// <param name="Source">The cell's text.</param>
public sealed record NotebookCell(string Kind, string Language, IReadOnlyList<string> Tags, string Source);
