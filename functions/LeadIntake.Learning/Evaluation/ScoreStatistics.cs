namespace LeadIntake.Learning.Evaluation;

/// <summary>Grade cut-offs and the score histogram from a set of 0–100 scores.</summary>
internal static class ScoreStatistics
{
    /// <summary>Cut-offs so that about 10 % of scores are A, 20 % B, 30 % C and 40 % D (A &gt; B &gt; C enforced).</summary>
    public static GradeCutoffs Grades(int[] scores)
    {
        var sorted = scores.OrderDescending().ToArray();
        int At(double share) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
        var a = Math.Max(At(0.10), 2);
        var b = Math.Min(At(0.30), a - 1);
        var c = Math.Max(Math.Min(At(0.60), b - 1), 0);
        return new GradeCutoffs(a, Math.Max(b, c + 1), c);
    }

    /// <summary>Ten-point bins 0–9 … 90–100, counting positives and negatives.</summary>
    public static IReadOnlyList<ScoreHistogramBin> Histogram(int[] scores, double[] labels)
    {
        var positives = new int[10];
        var negatives = new int[10];
        for (var i = 0; i < scores.Length; i++)
        {
            var bin = Math.Min(scores[i] / 10, 9);
            if (labels[i] > 0.5) positives[bin]++; else negatives[bin]++;
        }

        return Enumerable.Range(0, 10).Select(b => new ScoreHistogramBin(b * 10, b == 9 ? 101 : b * 10 + 10, positives[b], negatives[b])).ToArray();
    }
}
