namespace LeadIntake.Learning.Trees;

/// <summary>One regression tree of a boosted ensemble, stored as parallel node arrays (node 0 is the root).</summary>
/// <remarks>
/// A node is a leaf when <c>Left[i] &lt; 0</c>. At a split on feature <c>Feature[i]</c>: a missing value goes left iff
/// <c>DefaultLeft[i]</c>; a categorical split (<c>CategoryMask[i] != 0</c>) sends level <c>k</c> left iff bit k is set;
/// a numeric split sends <c>x &lt;= Threshold[i]</c> left. <c>Value[i]</c> is the (shrunk) value the node would predict,
/// for leaves the output and for inner nodes the basis of path attribution.
/// </remarks>
/// <param name="Feature">Split feature per node (-1 for leaves).</param>
/// <param name="Threshold">Numeric threshold per node.</param>
/// <param name="CategoryMask">Levels sent left, as bits (0 for numeric splits and leaves).</param>
/// <param name="DefaultLeft">Whether missing values go left.</param>
/// <param name="Left">Left child index (-1 for leaves).</param>
/// <param name="Right">Right child index (-1 for leaves).</param>
/// <param name="Value">Node value in log-odds, learning rate applied.</param>
public sealed record RegressionTree(int[] Feature, double[] Threshold, ulong[] CategoryMask, bool[] DefaultLeft, int[] Left, int[] Right, double[] Value)
{
    /// <summary>Index of the leaf the encoded vector falls into.</summary>
    public int LeafIndex(ReadOnlySpan<double> features)
    {
        var node = 0;
        while (Left[node] >= 0)
            node = GoesLeft(node, features[Feature[node]]) ? Left[node] : Right[node];
        return node;
    }

    /// <summary>Adds the per-feature path attribution (Saabas) to <paramref name="contributions"/> and returns the leaf value.</summary>
    public double AddContributions(ReadOnlySpan<double> features, Span<double> contributions)
    {
        var node = 0;
        while (Left[node] >= 0)
        {
            var feature = Feature[node];
            var next = GoesLeft(node, features[feature]) ? Left[node] : Right[node];
            contributions[feature] += Value[next] - Value[node];
            node = next;
        }

        return Value[node];
    }

    private bool GoesLeft(int node, double x)
    {
        if (double.IsNaN(x))
            return DefaultLeft[node];
        var mask = CategoryMask[node];
        return mask != 0 ? ((mask >> (int)x) & 1UL) != 0 : x <= Threshold[node];
    }
}
