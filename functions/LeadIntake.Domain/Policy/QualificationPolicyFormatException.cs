namespace LeadIntake.Domain.Policy;

/// <summary>Thrown when a qualification policy file is not valid; the message names the JSON path and the problem.</summary>
public sealed class QualificationPolicyFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="path"/>.</summary>
    public QualificationPolicyFormatException(string path, string problem, Exception? innerException = null)
        : base($"Invalid qualification policy at {path}: {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Where in the file (<c>$.sla.firstResponse</c>; <c>$</c> for the whole file).</summary>
    public string Path { get; }

    /// <summary>What is wrong, for a person.</summary>
    public string Problem { get; }
}
