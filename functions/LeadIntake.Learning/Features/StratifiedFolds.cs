namespace LeadIntake.Learning.Features;

/// <summary>Seeded, stratified assignment of rows to folds (each fold gets its share of positives).</summary>
internal static class StratifiedFolds
{
    /// <summary>Fold index (0..k-1) for every label, deterministic for a seed.</summary>
    public static int[] Assign(ReadOnlySpan<double> labels, int folds, int seed)
    {
        var random = new Random(seed);
        var assignment = new int[labels.Length];
        var positives = new List<int>();
        var negatives = new List<int>();
        for (var i = 0; i < labels.Length; i++)
            (labels[i] > 0.5 ? positives : negatives).Add(i);
        var offset = 0;
        foreach (var group in new[] { positives, negatives })
        {
            var shuffled = group.ToArray();
            random.Shuffle(shuffled);
            for (var k = 0; k < shuffled.Length; k++)
                assignment[shuffled[k]] = (k + offset) % folds;
            offset += shuffled.Length;
        }

        return assignment;
    }
}
