namespace LeadIntake.Learning;

/// <summary>Leads whose score (0–100) fell in [<paramref name="From"/>, <paramref name="To"/>), split by outcome.</summary>
/// <param name="From">Lowest score in the bin.</param>
/// <param name="To">Exclusive upper score (101 for the last bin).</param>
/// <param name="Positives">Converted leads.</param>
/// <param name="Negatives">Leads that did not convert.</param>
public sealed record ScoreHistogramBin(int From, int To, int Positives, int Negatives);
