namespace LeadIntake.Domain.Scoring;

/// <summary>Thrown when a points scoring file is not valid; the message names the JSON path and the problem.</summary>
public sealed class ScoringModelFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="path"/>.</summary>
    public ScoringModelFormatException(string path, string problem, Exception? innerException = null)
        : base($"Invalid scoring model at {path}: {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Where in the file ("rules[3].feature"; "$" for the whole file).</summary>
    public string Path { get; }

    /// <summary>What is wrong, for a person.</summary>
    public string Problem { get; }
}
