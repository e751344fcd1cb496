using System.Runtime.CompilerServices;
using LeadIntake.Learning.Features;

namespace LeadIntake.Learning.Trees;

/// <summary>A tree ensemble flattened into one array of small node structs, for allocation-free, branch-free scoring.</summary>
/// <remarks>
/// Gives exactly the raw score of <see cref="GradientBoostedTreesModel.RawScore"/> (same leaves, same summation order) and its
/// path attribution up to the order the terms are added in. Every split becomes one test, <c>x ≤ Threshold || LeftBits[code(x)]</c>,
/// where code(x) is 63 for a missing value, the level for a category and 0 for a number: numeric splits keep their threshold and
/// set bit 63 when missing goes left; categorical splits use threshold −∞ and their category mask plus bit 63 (levels stop at 62).
/// Children are adjacent (right = left + 1), and a leaf is a node whose test always passes and whose left child is itself, so
/// each tree is walked for a fixed number of steps without data-dependent branches, four trees side by side to overlap their
/// memory latency.
/// </remarks>
internal sealed class CompiledEnsemble
{
    private const int MissingCode = 63;
    private const int Lanes = 4;
    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly int[] _roots;
    private readonly int[] _treeDepths;
    private readonly int[] _groupDepths;
    private readonly bool[] _categorical;
    private readonly double _baseScore;

    public CompiledEnsemble(GradientBoostedTreesModel model, FeatureSchema schema)
    {
        _baseScore = model.BaseScore;
        _categorical = schema.Columns.Select(c => c.Kind == FeatureKind.Categorical).ToArray();
        _roots = new int[model.Trees.Count];
        _treeDepths = new int[model.Trees.Count];
        var nodes = new List<Node>();
        var values = new List<double>();
        for (var t = 0; t < model.Trees.Count; t++)
        {
            _roots[t] = nodes.Count;
            _treeDepths[t] = Append(model.Trees[t], nodes, values);
        }

        _nodes = nodes.ToArray();
        _values = values.ToArray();

        // Four trees share a walk, so a group takes as many steps as its deepest tree.
        _groupDepths = new int[(_roots.Length + Lanes - 1) / Lanes];
        for (var t = 0; t < _roots.Length; t++)
            _groupDepths[t / Lanes] = Math.Max(_groupDepths[t / Lanes], _treeDepths[t]);
    }

    public double RawScore(ReadOnlySpan<double> features)
    {
        Span<int> codes = stackalloc int[_categorical.Length];
        Encode(features, codes);
        var sum = _baseScore;
        var t = 0;
        for (; t + Lanes <= _roots.Length; t += Lanes)
        {
            int a = _roots[t], b = _roots[t + 1], c = _roots[t + 2], d = _roots[t + 3];
            for (var step = _groupDepths[t / Lanes]; step > 0; step--)
            {
                a = Next(a, features, codes);
                b = Next(b, features, codes);
                c = Next(c, features, codes);
                d = Next(d, features, codes);
            }

            sum += _values[a];
            sum += _values[b];
            sum += _values[c];
            sum += _values[d];
        }

        for (; t < _roots.Length; t++)
        {
            var index = _roots[t];
            for (var step = _treeDepths[t]; step > 0; step--)
                index = Next(index, features, codes);
            sum += _values[index];
        }

        return sum;
    }

    /// <summary>Writes each feature's path attribution (Saabas) and returns the base value; base + Σ contributions = raw score.</summary>
    /// <remarks>Walks four trees side by side like <see cref="RawScore"/>, so a feature's terms add up in a different order than tree by tree (last-bit differences).</remarks>
    public double Contributions(ReadOnlySpan<double> features, Span<double> contributions)
    {
        Span<int> codes = stackalloc int[_categorical.Length];
        Encode(features, codes);
        contributions.Clear();
        var t = 0;
        for (; t + Lanes <= _roots.Length; t += Lanes)
        {
            int a = _roots[t], b = _roots[t + 1], c = _roots[t + 2], d = _roots[t + 3];
            // Steps past a leaf add +0.0 to feature 0, which changes nothing.
            for (var step = _groupDepths[t / Lanes]; step > 0; step--)
            {
                a = Attribute(a, features, codes, contributions);
                b = Attribute(b, features, codes, contributions);
                c = Attribute(c, features, codes, contributions);
                d = Attribute(d, features, codes, contributions);
            }
        }

        for (; t < _roots.Length; t++)
        {
            var index = _roots[t];
            for (var step = _treeDepths[t]; step > 0; step--)
                index = Attribute(index, features, codes, contributions);
        }

        // Summed apart from the base score, as GradientBoostedTreesModel.BaseValue does, for bit-identical results.
        double rootValues = 0;
        foreach (var root in _roots)
            rootValues += _values[root];
        return _baseScore + rootValues;
    }

    private void Encode(ReadOnlySpan<double> features, Span<int> codes)
    {
        for (var f = 0; f < codes.Length; f++)
        {
            var x = features[f];
            codes[f] = double.IsNaN(x) ? MissingCode : _categorical[f] ? (int)x & MissingCode : 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Next(int index, ReadOnlySpan<double> features, ReadOnlySpan<int> codes)
    {
        ref readonly var node = ref _nodes[index];
        var goesLeft = (int)(node.LeftBits >> codes[node.Feature]) & 1 | (features[node.Feature] <= node.Threshold ? 1 : 0);
        return node.Right - goesLeft;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Attribute(int index, ReadOnlySpan<double> features, ReadOnlySpan<int> codes, Span<double> contributions)
    {
        var next = Next(index, features, codes);
        contributions[_nodes[index].Feature] += _values[next] - _values[index];
        return next;
    }

    /// <summary>Appends <paramref name="tree"/> breadth-first, children side by side; returns its depth.</summary>
    /// <remarks><see cref="GradientBoostedTreesModel"/> has checked that the nodes form a tree, so this ends.</remarks>
    private static int Append(RegressionTree tree, List<Node> nodes, List<double> values)
    {
        var depth = 0;
        var pending = new Queue<(int Source, int At, int Depth)>();
        pending.Enqueue((0, nodes.Count, 0));
        nodes.Add(default);
        values.Add(0);
        while (pending.TryDequeue(out var item))
        {
            var (source, at, level) = item;
            depth = Math.Max(depth, level);
            values[at] = tree.Value[source];
            if (tree.Left[source] < 0)
            {
                nodes[at] = new Node(double.PositiveInfinity, ulong.MaxValue, 0, at + 1);
                continue;
            }

            var left = nodes.Count;
            nodes.AddRange([default, default]);
            values.AddRange([0, 0]);
            var missingLeft = tree.DefaultLeft[source] ? 1UL << MissingCode : 0;
            var mask = tree.CategoryMask[source];
            nodes[at] = mask != 0
                ? new Node(double.NegativeInfinity, (mask & ~(1UL << MissingCode)) | missingLeft, tree.Feature[source], left + 1)
                : new Node(tree.Threshold[source], missingLeft, tree.Feature[source], left + 1);
            pending.Enqueue((tree.Left[source], left, level + 1));
            pending.Enqueue((tree.Right[source], left + 1, level + 1));
        }

        return depth;
    }

    private readonly record struct Node(double Threshold, ulong LeftBits, int Feature, int Right);
}
