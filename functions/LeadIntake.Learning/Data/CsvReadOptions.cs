namespace LeadIntake.Learning.Data;

/// <summary>How <see cref="CsvTable"/> reads a delimited file.</summary>
public sealed record CsvReadOptions
{
    /// <summary>Field separator; <see langword="null"/> (the default) sniffs it from the header line among <c>, ; \t |</c>.</summary>
    public char? Separator { get; init; }
}
