namespace LeadIntake.Learning.Trees;

/// <summary>Grows one regression tree best-first on binned data from the current gradients; reused across boosting rounds.</summary>
internal sealed class TreeGrower
{
    private const double MinHessian = 1e-3;
    private const int ParallelRows = 2048;
    private readonly GradientBoostedTreesOptions _options;
    private readonly BinMapper[] _mappers;
    private readonly byte[][] _bins;
    private readonly int[] _offsets;
    private readonly int _histogramLength;
    private readonly double[] _gradients;
    private readonly double[] _hessians;
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly double[] _orderedGradients;
    private readonly double[] _orderedHessians;
    private readonly Stack<double[]> _pool = new();
    private readonly List<Node> _nodes = [];
    private readonly (int Category, double Ratio)[] _categoryOrder = new (int, double)[256];

    public TreeGrower(GradientBoostedTreesOptions options, BinMapper[] mappers, byte[][] bins, int rowCount)
    {
        _options = options;
        _mappers = mappers;
        _bins = bins;
        _offsets = new int[mappers.Length + 1];
        for (var f = 0; f < mappers.Length; f++)
            _offsets[f + 1] = _offsets[f] + mappers[f].TotalBins;
        _histogramLength = 3 * _offsets[^1];
        _gradients = new double[rowCount];
        _hessians = new double[rowCount];
        _rows = new int[rowCount];
        _scratch = new int[rowCount];
        _orderedGradients = new double[rowCount];
        _orderedHessians = new double[rowCount];
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
        var leftEnd = parent.Start;
        var rightCount = 0;
        for (var k = parent.Start; k < parent.End; k++)
        {
            var row = _rows[k];
            if (split.GoesLeft(feature[row], missingBin))
                _rows[leftEnd++] = row;
            else
                _scratch[rightCount++] = row;
        }

        Array.Copy(_scratch, 0, _rows, leftEnd, rightCount);
        var left = new Node { Start = parent.Start, End = leftEnd, Depth = parent.Depth + 1 };
        var right = new Node { Start = leftEnd, End = parent.End, Depth = parent.Depth + 1 };
        var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
        small.Histogram = Rent();
        BuildHistogram(small);
        var parentHistogram = parent.Histogram!;
        for (var i = 0; i < _histogramLength; i++)
            parentHistogram[i] -= small.Histogram[i];
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
        var histogram = node.Histogram!;
        var mapper = _mappers[feature];
        var at = 3 * _offsets[feature];
        var missing = at + 3 * mapper.MissingBin;
        double gm = histogram[missing], hm = histogram[missing + 1], cm = histogram[missing + 2];
        var best = SplitCandidate.None;
        double gl = 0, hl = 0, cl = 0;
        for (var b = 0; b < mapper.ValueBins; b++)
        {
            gl += histogram[at + 3 * b];
            hl += histogram[at + 3 * b + 1];
            cl += histogram[at + 3 * b + 2];
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
        var histogram = node.Histogram!;
        var mapper = _mappers[feature];
        var at = 3 * _offsets[feature];
        var missing = at + 3 * mapper.MissingBin;
        double gm = histogram[missing], hm = histogram[missing + 1], cm = histogram[missing + 2];
        var used = 0;
        for (var c = 0; c < mapper.ValueBins; c++)
        {
            if (histogram[at + 3 * c + 2] >= _options.MinCategoryRows)
                _categoryOrder[used++] = (c, histogram[at + 3 * c] / (histogram[at + 3 * c + 1] + _options.CategoricalSmoothing));
        }

        var order = _categoryOrder.AsSpan(0, used);
        order.Sort((a, b) => a.Ratio != b.Ratio ? a.Ratio.CompareTo(b.Ratio) : a.Category.CompareTo(b.Category));
        var best = SplitCandidate.None;
        double gl = 0, hl = 0, cl = 0;
        ulong mask = 0;
        for (var k = 0; k < used; k++)
        {
            var c = order[k].Category;
            gl += histogram[at + 3 * c];
            hl += histogram[at + 3 * c + 1];
            cl += histogram[at + 3 * c + 2];
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
        // Gradients gathered once in node order (LightGBM's ordered gradients), so every feature pass reads them sequentially.
        for (var k = node.Start; k < node.End; k++)
        {
            _orderedGradients[k] = _gradients[_rows[k]];
            _orderedHessians[k] = _hessians[_rows[k]];
        }

        // Features are independent, so large nodes fill them on all cores; each feature is still summed in row order (deterministic).
        if (node.Count >= ParallelRows && _bins.Length > 1)
            Parallel.For(0, _bins.Length, f => AddToHistogram(histogram, f, node.Start, node.End));
        else
        {
            for (var f = 0; f < _bins.Length; f++)
                AddToHistogram(histogram, f, node.Start, node.End);
        }
    }

    private void AddToHistogram(double[] histogram, int feature, int start, int end)
    {
        var bins = _bins[feature];
        var at = 3 * _offsets[feature];
        for (var k = start; k < end; k++)
        {
            var slot = at + 3 * bins[_rows[k]];
            histogram[slot] += _orderedGradients[k];
            histogram[slot + 1] += _orderedHessians[k];
            histogram[slot + 2] += 1;
        }
    }

    private (double G, double H) Sums(double[] histogram, int feature)
    {
        double g = 0, h = 0;
        for (var slot = 3 * _offsets[feature]; slot < 3 * _offsets[feature + 1]; slot += 3)
        {
            g += histogram[slot];
            h += histogram[slot + 1];
        }

        return (g, h);
    }

    private double[] Rent() => _pool.Count > 0 ? _pool.Pop() : new double[_histogramLength];

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

        public double[]? Histogram { get; set; }

        public SplitCandidate Split { get; set; } = SplitCandidate.None;

        public int Left { get; set; } = -1;

        public int Right { get; set; } = -1;
    }
}
