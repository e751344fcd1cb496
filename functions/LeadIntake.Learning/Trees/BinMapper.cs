using LeadIntake.Learning.Features;

namespace LeadIntake.Learning.Trees;

/// <summary>Maps one feature's encoded values to histogram bins: value bins 0..ValueBins-1, then the missing bin.</summary>
/// <remarks>
/// Numbers: bin i holds <c>Edges[i-1] &lt; x &lt;= Edges[i]</c>, the edges being actual training values (every distinct
/// value when they fit, else quantiles), so a split "bin ≤ b" is exactly "x ≤ Edges[b]". Categories: bin = level.
/// </remarks>
internal sealed class BinMapper
{
    private BinMapper(bool categorical, double[] edges, int valueBins)
    {
        IsCategorical = categorical;
        Edges = edges;
        ValueBins = valueBins;
    }

    public bool IsCategorical { get; }

    public double[] Edges { get; }

    public int ValueBins { get; }

    public int MissingBin => ValueBins;

    public int TotalBins => ValueBins + 1;

    public static BinMapper Create(FeatureColumn column, double[] values, int[] rows, int maxBins)
    {
        if (column.Kind == FeatureKind.Categorical)
            return new BinMapper(true, [], column.Levels.Count + 1);
        var present = new List<double>(rows.Length);
        foreach (var r in rows)
        {
            if (!double.IsNaN(values[r]))
                present.Add(values[r]);
        }

        present.Sort();
        var distinct = new List<double>();
        foreach (var v in present)
        {
            if (distinct.Count == 0 || v > distinct[^1])
                distinct.Add(v);
        }

        var maxValueBins = maxBins - 1;
        List<double> edges;
        if (distinct.Count <= maxValueBins)
            edges = distinct.Take(Math.Max(0, distinct.Count - 1)).ToList();
        else
        {
            edges = [];
            for (var q = 1; q < maxValueBins; q++)
            {
                var edge = present[(int)((long)present.Count * q / maxValueBins)];
                if ((edges.Count == 0 || edge > edges[^1]) && edge < distinct[^1])
                    edges.Add(edge);
            }
        }

        return new BinMapper(false, edges.ToArray(), edges.Count + 1);
    }

    public byte Bin(double value)
    {
        if (double.IsNaN(value))
            return (byte)MissingBin;
        if (IsCategorical)
            return (byte)value;
        var index = Array.BinarySearch(Edges, value);
        return (byte)(index >= 0 ? index : ~index);
    }
}
