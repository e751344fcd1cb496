namespace LeadIntake.Learning.Trees;

/// <summary>Grows one regression tree best-first on binned data from the current gradients; reused across boosting rounds.</summary>
internal sealed class TreeGrower
{
    private const double MinHessian = 1e-3;
    private readonly GradientBoostedTreesOptions _options;
    private readonly BinMapper[] _mappers;
    private readonly byte[][] _bins;
    private readonly int[] _rowSlots;
    private readonly int[] _offsets;
    private readonly int _histogramLength;
    private readonly double[] _gradients;
    private readonly double[] _hessians;
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly Stack<HistogramBin[]> _pool = new();
    private readonly List<Node> _nodes = [];
    private readonly int[] _goesLeft = new int[256];
    private readonly (int Category, double Ratio)[] _categoryOrder = new (int, double)[256];

    public TreeGrower(GradientBoostedTreesOptions options, BinMapper[] mappers, byte[][] bins, int rowCount)
    {
        _options = options;
        _mappers = mappers;
        _bins = bins;
        _offsets = new int[mappers.Length + 1];
        for (var f = 0; f < mappers.Length; f++)
            _offsets[f + 1] = _offsets[f] + mappers[f].TotalBins;
        _histogramLength = _offsets[^1];
        _rowSlots = new int[rowCount * bins.Length];
        for (var f = 0; f < bins.Length; f++)
        {
            for (var row = 0; row < rowCount; row++)
                _rowSlots[row * bins.Length + f] = _offsets[f] + bins[f][row];
        }

        _gradients = new double[rowCount];
        _hessians = new double[rowCount];
        _rows = new int[rowCount];
        _scratch = new int[rowCount];
    }

    public void SetGradients(double[] raw, double[] labels)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            var p = Calibration.PlattCalibrator.Sigmoid(raw[i]);
            _gradients[i] = p - labels[i];
            _hessians[i] = Math.Max(p * (1 - p), 1e-16);
        }
    }

    public GrownTree Grow()
    {
        foreach (var node in _nodes)
        {
            if (node.Histogram is not null)
                _pool.Push(node.Histogram);
        }

        _nodes.Clear();
        for (var i = 0; i < _rows.Length; i++)
            _rows[i] = i;
        var root = new Node { Start = 0, End = _rows.Length, Depth = 0, Histogram = Rent() };
        BuildHistogram(root);
        (root.G, root.H) = Sums(root.Histogram, 0);
        Prepare(root);
        _nodes.Add(root);

        for (var leaves = 1; leaves < _options.MaxLeaves; leaves++)
        {
            Node? best = null;
            foreach (var node in _nodes)
            {
                if (node.Left < 0 && node.Split.Feature >= 0 && (best is null || node.Split.Gain > best.Split.Gain))
                    best = node;
            }

            if (best is null)
                break;
            SplitNode(best);
        }

        return new GrownTree(ToTree(), _nodes.Select(n => (n.Left, n.Right, n.Split)).ToArray(), _mappers);
    }

    public void AddLeafValues(double[] raw)
    {
        foreach (var node in _nodes)
        {
            if (node.Left >= 0)
                continue;
            for (var k = node.Start; k < node.End; k++)
                raw[_rows[k]] += node.Value;
        }
    }

    private void SplitNode(Node parent)
    {
        var split = parent.Split;
        var feature = _bins[split.Feature];
        var missingBin = _mappers[split.Feature].MissingBin;
        for (var bin = 0; bin < _goesLeft.Length; bin++)
            _goesLeft[bin] = split.GoesLeft((byte)bin, missingBin) ? 1 : 0;

        // Stable and branch-free (the side of a row is unpredictable): each row is written to both sides, only one cursor moves.
        var leftEnd = parent.Start;
        var rightCount = 0;
        for (var k = parent.Start; k < parent.End; k++)
        {
            var row = _rows[k];
            var side = _goesLeft[feature[row]];
            _rows[leftEnd] = row;
            _scratch[rightCount] = row;
            leftEnd += side;
            rightCount += 1 - side;
        }

        Array.Copy(_scratch, 0, _rows, leftEnd, rightCount);
        var left = new Node { Start = parent.Start, End = leftEnd, Depth = parent.Depth + 1 };
        var right = new Node { Start = leftEnd, End = parent.End, Depth = parent.Depth + 1 };
        var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
        small.Histogram = Rent();
        BuildHistogram(small);
        var parentHistogram = parent.Histogram!;
        for (var i = 0; i < _histogramLength; i++)
        {
            parentHistogram[i].Gradient -= small.Histogram[i].Gradient;
            parentHistogram[i].Hessian -= small.Histogram[i].Hessian;
            parentHistogram[i].Count -= small.Histogram[i].Count;
        }

        large.Histogram = parentHistogram;
        parent.Histogram = null;
        (left.G, left.H) = Sums(left.Histogram!, 0);
        (right.G, right.H) = Sums(right.Histogram!, 0);
        parent.Left = _nodes.Count;
        _nodes.Add(left);
        parent.Right = _nodes.Count;
        _nodes.Add(right);
        Prepare(left);
        Prepare(right);
    }

    private void Prepare(Node node)
    {
        node.Value = -node.G / (node.H + _options.L2) * _options.LearningRate;
        node.Split = node.Depth < _options.MaxDepth && node.Count >= 2 * _options.MinLeafSize
            ? FindBestSplit(node)
            : SplitCandidate.None;
        if (node.Split.Feature < 0 && node.Histogram is not null)
        {
            _pool.Push(node.Histogram);
            node.Histogram = null;
        }
    }

    private SplitCandidate FindBestSplit(Node node)
    {
        var best = SplitCandidate.None;
        var parentScore = node.G * node.G / (node.H + _options.L2);
        for (var f = 0; f < _mappers.Length; f++)
        {
            var candidate = _mappers[f].IsCategorical
                ? BestCategoricalSplit(node, f, parentScore)
                : BestNumericSplit(node, f, parentScore);
            if (candidate.Gain > best.Gain + 1e-12)
                best = candidate;
        }

        return best;
    }

    private SplitCandidate BestNumericSplit(Node node, int feature, double parentScore)
    {
        var mapper = _mappers[feature];
        var bins = node.Histogram.AsSpan(_offsets[feature], mapper.TotalBins);
        var (gm, hm, cm) = bins[mapper.MissingBin];
        var best = SplitCandidate.None;
        double gl = 0, hl = 0, cl = 0;
        for (var b = 0; b < mapper.ValueBins; b++)
        {
            gl += bins[b].Gradient;
            hl += bins[b].Hessian;
            cl += bins[b].Count;
            var lastBin = b == mapper.ValueBins - 1;
            if (lastBin && cm == 0)
                break;
            var threshold = lastBin ? double.MaxValue : mapper.Edges[b];
            var right = Gain(node, gl, hl, cl, parentScore);
            if (right > best.Gain + 1e-12)
                best = new SplitCandidate(feature, right, b, 0, cm == 0 && cl >= node.Count - cl, threshold);
            if (cm > 0 && !lastBin)
            {
                var left = Gain(node, gl + gm, hl + hm, cl + cm, parentScore);
                if (left > best.Gain + 1e-12)
                    best = new SplitCandidate(feature, left, b, 0, true, threshold);
            }
        }

        return best;
    }

    private SplitCandidate BestCategoricalSplit(Node node, int feature, double parentScore)
    {
        var l2 = _options.L2 + _options.CategoricalL2;
        parentScore = node.G * node.G / (node.H + l2);
        var mapper = _mappers[feature];
        var bins = node.Histogram.AsSpan(_offsets[feature], mapper.TotalBins);
        var (gm, hm, cm) = bins[mapper.MissingBin];
        var used = 0;
        for (var c = 0; c < mapper.ValueBins; c++)
        {
            if (bins[c].Count >= _options.MinCategoryRows)
                _categoryOrder[used++] = (c, bins[c].Gradient / (bins[c].Hessian + _options.CategoricalSmoothing));
        }

        var order = _categoryOrder.AsSpan(0, used);
        order.Sort((a, b) => a.Ratio != b.Ratio ? a.Ratio.CompareTo(b.Ratio) : a.Category.CompareTo(b.Category));
        var best = SplitCandidate.None;
        double gl = 0, hl = 0, cl = 0;
        ulong mask = 0;
        for (var k = 0; k < used; k++)
        {
            var c = order[k].Category;
            gl += bins[c].Gradient;
            hl += bins[c].Hessian;
            cl += bins[c].Count;
            mask |= 1UL << c;
            var all = k == used - 1;
            if (all && cm == 0)
                break;
            var right = Gain(node, gl, hl, cl, parentScore, l2);
            if (right > best.Gain + 1e-12)
                best = new SplitCandidate(feature, right, 0, mask, cm == 0 && cl >= node.Count - cl, 0);
            if (cm > 0 && !all)
            {
                var left = Gain(node, gl + gm, hl + hm, cl + cm, parentScore, l2);
                if (left > best.Gain + 1e-12)
                    best = new SplitCandidate(feature, left, 0, mask, true, 0);
            }
        }

        return best;
    }

    private double Gain(Node node, double gl, double hl, double cl, double parentScore) => Gain(node, gl, hl, cl, parentScore, _options.L2);

    private double Gain(Node node, double gl, double hl, double cl, double parentScore, double l2)
    {
        var gr = node.G - gl;
        var hr = node.H - hl;
        var cr = node.Count - cl;
        if (cl < _options.MinLeafSize || cr < _options.MinLeafSize || hl < MinHessian || hr < MinHessian)
            return 0;
        return gl * gl / (hl + l2) + gr * gr / (hr + l2) - parentScore;
    }

    private void BuildHistogram(Node node)
    {
        var histogram = node.Histogram!;
        Array.Clear(histogram);
        // Row by row over a row-major copy of the bins (LightGBM's row-wise histograms): a row's features land in different
        // bins, so their additions overlap, where a column pass over a near-constant feature would wait on one bin. One thread:
        // cross-validation already runs its folds in parallel, and a node is too small to repay a hand-off.
        for (var k = node.Start; k < node.End; k++)
        {
            var row = _rows[k];
            var g = _gradients[row];
            var h = _hessians[row];
            foreach (var slot in _rowSlots.AsSpan(row * _bins.Length, _bins.Length))
            {
                ref var bin = ref histogram[slot];
                bin.Gradient += g;
                bin.Hessian += h;
                bin.Count += 1;
            }
        }
    }

    private (double G, double H) Sums(HistogramBin[] histogram, int feature)
    {
        double g = 0, h = 0;
        for (var slot = _offsets[feature]; slot < _offsets[feature + 1]; slot++)
        {
            g += histogram[slot].Gradient;
            h += histogram[slot].Hessian;
        }

        return (g, h);
    }

    private HistogramBin[] Rent() => _pool.Count > 0 ? _pool.Pop() : new HistogramBin[_histogramLength];

    private RegressionTree ToTree()
    {
        var n = _nodes.Count;
        var tree = new RegressionTree(new int[n], new double[n], new ulong[n], new bool[n], new int[n], new int[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var node = _nodes[i];
            var inner = node.Left >= 0;
            tree.Feature[i] = inner ? node.Split.Feature : -1;
            tree.Threshold[i] = inner && node.Split.Mask == 0 ? node.Split.Threshold : 0;
            tree.CategoryMask[i] = inner ? node.Split.Mask : 0;
            tree.DefaultLeft[i] = inner && node.Split.DefaultLeft;
            tree.Left[i] = node.Left;
            tree.Right[i] = node.Right;
            tree.Value[i] = node.Value;
        }

        return tree;
    }

    private sealed class Node
    {
        public int Start { get; init; }

        public int End { get; init; }

        public int Depth { get; init; }

        public int Count => End - Start;

        public double G { get; set; }

        public double H { get; set; }

        public double Value { get; set; }

        public HistogramBin[]? Histogram { get; set; }

        public SplitCandidate Split { get; set; } = SplitCandidate.None;

        public int Left { get; set; } = -1;

        public int Right { get; set; } = -1;
    }

    /// <summary>Sums over the rows that fall in one bin of one feature.</summary>
    private struct HistogramBin
    {
        public double Gradient;
        public double Hessian;
        public double Count;

        public readonly void Deconstruct(out double gradient, out double hessian, out double count) =>
            (gradient, hessian, count) = (Gradient, Hessian, Count);
    }
}
