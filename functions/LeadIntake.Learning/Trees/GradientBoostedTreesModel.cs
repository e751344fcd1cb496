namespace LeadIntake.Learning.Trees;

/// <summary>Learned parameters of a boosted tree ensemble: raw score (log-odds) = <c>BaseScore + Σ tree leaf values</c>.</summary>
public sealed record GradientBoostedTreesModel
{
    /// <summary>Creates the model; rejects non-finite values and malformed trees.</summary>
    /// <exception cref="ArgumentException">A value is not finite or a tree's arrays disagree in length.</exception>
    public GradientBoostedTreesModel(double baseScore, IReadOnlyList<RegressionTree> trees)
    {
        if (!double.IsFinite(baseScore))
            throw new ArgumentException("The base score is not a finite number.", nameof(baseScore));
        foreach (var tree in trees)
        {
            var n = tree.Value.Length;
            if (n == 0 || tree.Feature.Length != n || tree.Threshold.Length != n || tree.CategoryMask.Length != n ||
                tree.DefaultLeft.Length != n || tree.Left.Length != n || tree.Right.Length != n)
                throw new ArgumentException("A tree's node arrays differ in length.", nameof(trees));
            if (!tree.Value.All(double.IsFinite) || tree.Threshold.Any(double.IsNaN))
                throw new ArgumentException("A tree value or threshold is not a finite number.", nameof(trees));
            if (tree.Left.Concat(tree.Right).Any(c => c >= n))
                throw new ArgumentException("A tree node points past the end of the tree.", nameof(trees));
            if (!IsTree(tree))
                throw new ArgumentException("A tree's nodes do not form a tree: a node is reached twice, or has one child only.", nameof(trees));
        }

        BaseScore = baseScore;
        Trees = trees;
    }

    /// <summary>Whether every node is reached exactly once from the root and has either two children or none (so walks end).</summary>
    private static bool IsTree(RegressionTree tree)
    {
        var reached = new bool[tree.Value.Length];
        var pending = new Stack<int>([0]);
        while (pending.TryPop(out var node))
        {
            if (reached[node])
                return false;
            reached[node] = true;
            if ((tree.Left[node] < 0) != (tree.Right[node] < 0))
                return false;
            if (tree.Left[node] >= 0)
            {
                pending.Push(tree.Right[node]);
                pending.Push(tree.Left[node]);
            }
        }

        return true;
    }

    /// <summary>Log-odds before any tree (the training base rate).</summary>
    public double BaseScore { get; }

    /// <summary>The trees, in boosting order.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>Raw score of a lead before any split is applied (the reasons' base value).</summary>
    public double BaseValue => BaseScore + Trees.Sum(t => t.Value[0]);

    /// <summary>The same ensemble cut to its first <paramref name="trees"/> trees.</summary>
    internal GradientBoostedTreesModel Truncate(int trees) => new(BaseScore, Trees.Take(trees).ToArray());

    /// <summary>Raw score (log-odds) of an encoded feature vector.</summary>
    public double RawScore(ReadOnlySpan<double> features)
    {
        var sum = BaseScore;
        for (var t = 0; t < Trees.Count; t++)
        {
            var tree = Trees[t];
            sum += tree.Value[tree.LeafIndex(features)];
        }

        return sum;
    }

    /// <summary>Writes each feature's path attribution and returns the base value; base + Σ contributions = raw score.</summary>
    public double Contributions(ReadOnlySpan<double> features, Span<double> contributions)
    {
        contributions.Clear();
        for (var t = 0; t < Trees.Count; t++)
            Trees[t].AddContributions(features, contributions);
        return BaseValue;
    }
}
