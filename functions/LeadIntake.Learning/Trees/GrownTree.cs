namespace LeadIntake.Learning.Trees;

/// <summary>A freshly grown tree plus its bin-level splits, to update validation scores without re-encoding.</summary>
internal sealed class GrownTree(RegressionTree tree, (int Left, int Right, SplitCandidate Split)[] nodes, BinMapper[] mappers)
{
    public RegressionTree Tree { get; } = tree;

    public double PredictBinned(byte[][] bins, int row)
    {
        var node = 0;
        while (nodes[node].Left >= 0)
        {
            var split = nodes[node].Split;
            node = split.GoesLeft(bins[split.Feature][row], mappers[split.Feature].MissingBin) ? nodes[node].Left : nodes[node].Right;
        }

        return Tree.Value[node];
    }
}
