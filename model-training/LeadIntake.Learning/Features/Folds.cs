namespace LeadIntake.Learning.Features;

/// <summary>Seeded, stratified assignment of rows to folds or to a holdout (each part gets its share of positives).</summary>
internal static class Folds
{
    /// <summary>Fold index (0..k-1) for every label, deterministic for a seed.</summary>
    public static int[] Assign(IReadOnlyList<bool> labels, int folds, int seed)
    {
        var random = new Random(seed);
        var assignment = new int[labels.Count];
        var offset = 0;
        foreach (var outcome in new[] { true, false })
        {
            var group = Enumerable.Range(0, labels.Count).Where(i => labels[i] == outcome).ToArray();
            random.Shuffle(group);
            for (var k = 0; k < group.Length; k++)
                assignment[group[k]] = (k + offset) % folds;
            offset += group.Length;
        }

        return assignment;
    }

    /// <summary>A stratified, seeded holdout of about <paramref name="fraction"/> of the rows: true = held out.</summary>
    public static bool[] Holdout(IReadOnlyList<bool> labels, double fraction, int seed)
    {
        var random = new Random(seed);
        var held = new bool[labels.Count];
        foreach (var outcome in new[] { true, false })
        {
            var group = Enumerable.Range(0, labels.Count).Where(i => labels[i] == outcome).ToArray();
            random.Shuffle(group);
            foreach (var i in group.Take((int)Math.Round(group.Length * fraction)))
                held[i] = true;
        }

        return held;
    }
}
