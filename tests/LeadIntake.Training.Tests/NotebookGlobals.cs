namespace LeadIntake.Training.Tests;

/// <summary>
/// Script globals standing in for the .NET Interactive kernel: <c>display(value)</c> records what a cell showed, so
/// the notebook test can check the cells displayed something.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Everything the cells displayed, in order.</summary>
    public List<object?> Displayed { get; } = [];

    /// <summary>.NET Interactive's <c>display</c> (lower-case, as the kernel names it); here it records the value.</summary>
    public object? display(object? value)
    {
        Displayed.Add(value);
        return value;
    }
}
