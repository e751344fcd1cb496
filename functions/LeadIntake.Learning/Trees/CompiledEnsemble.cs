using System.Runtime.InteropServices;

namespace LeadIntake.Learning.Trees;

/// <summary>A tree ensemble flattened into one array of small node structs, for allocation-free, cache-friendly scoring.</summary>
/// <remarks>Built once per scorer; gives exactly the raw score of <see cref="GradientBoostedTreesModel.RawScore"/>.</remarks>
internal sealed class CompiledEnsemble
{
    private readonly Node[] _nodes;
    private readonly int[] _roots;
    private readonly double _baseScore;

    public CompiledEnsemble(GradientBoostedTreesModel model)
    {
        _baseScore = model.BaseScore;
        _roots = new int[model.Trees.Count];
        var nodes = new List<Node>();
        for (var t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
            _roots[t] = nodes.Count;
            for (var i = 0; i < tree.Value.Length; i++)
            {
                var leaf = tree.Left[i] < 0;
                nodes.Add(new Node(
                    leaf ? -1 : tree.Feature[i],
                    leaf ? 0 : _roots[t] + tree.Left[i],
                    leaf ? 0 : _roots[t] + tree.Right[i],
                    tree.DefaultLeft[i],
                    tree.Threshold[i],
                    tree.CategoryMask[i],
                    tree.Value[i]));
            }
        }

        _nodes = nodes.ToArray();
    }

    public double RawScore(ReadOnlySpan<double> features)
    {
        var sum = _baseScore;
        foreach (var root in _roots)
        {
            var index = root;
            while (true)
            {
                ref readonly var node = ref _nodes[index];
                if (node.Feature < 0)
                {
                    sum += node.Value;
                    break;
                }

                var x = features[node.Feature];
                bool left;
                if (double.IsNaN(x))
                    left = node.DefaultLeft;
                else if (node.Mask != 0)
                    left = ((node.Mask >> (int)x) & 1UL) != 0;
                else
                    left = x <= node.Threshold;
                index = left ? node.Left : node.Right;
            }
        }

        return sum;
    }

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Node(int Feature, int Left, int Right, bool DefaultLeft, double Threshold, ulong Mask, double Value);
}
