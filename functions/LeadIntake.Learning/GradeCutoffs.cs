namespace LeadIntake.Learning;

/// <summary>Minimum scores (0–100) for grades A, B and C; anything lower is D.</summary>
/// <remarks>The trainer sets them so that about 10 % of the training leads are A, 20 % B, 30 % C and 40 % D.</remarks>
/// <param name="A">Minimum score for A.</param>
/// <param name="B">Minimum score for B.</param>
/// <param name="C">Minimum score for C.</param>
public sealed record GradeCutoffs(int A, int B, int C)
{
    /// <summary>The grade for <paramref name="score"/>.</summary>
    public string GradeFor(int score) => score >= A ? "A" : score >= B ? "B" : score >= C ? "C" : "D";
}
