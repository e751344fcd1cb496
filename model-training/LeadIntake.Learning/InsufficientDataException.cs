namespace LeadIntake.Learning;

/// <summary>The history has too few positive or negative examples to train an honest model.</summary>
public sealed class InsufficientDataException : Exception
{
    /// <summary>Creates the exception with the counts found and required.</summary>
    public InsufficientDataException(int positives, int negatives, int minPositives, int minNegatives)
        : base($"Not enough history to train: found {positives} positive and {negatives} negative examples, " +
               $"need at least {minPositives} positive and {minNegatives} negative (see MinPositives/MinNegatives).")
    {
        Positives = positives;
        Negatives = negatives;
        MinPositives = minPositives;
        MinNegatives = minNegatives;
    }

    /// <summary>Positive examples found.</summary>
    public int Positives { get; }

    /// <summary>Negative examples found.</summary>
    public int Negatives { get; }

    /// <summary>Positive examples required.</summary>
    public int MinPositives { get; }

    /// <summary>Negative examples required.</summary>
    public int MinNegatives { get; }
}
