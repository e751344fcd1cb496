namespace LeadIntake.Learning.Trees;

/// <summary>The best split found for a node while growing a tree.</summary>
internal readonly record struct SplitCandidate(int Feature, double Gain, int BinThreshold, ulong Mask, bool DefaultLeft, double Threshold)
{
    public static SplitCandidate None { get; } = new(-1, 0, 0, 0, false, 0);

    public bool GoesLeft(byte bin, int missingBin)
    {
        if (bin == missingBin)
            return DefaultLeft;
        return Mask != 0 ? ((Mask >> bin) & 1UL) != 0 : bin <= BinThreshold;
    }
}
