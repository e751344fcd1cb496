namespace LeadIntake.Domain.Scoring;

/// <summary>Lowest scores of grades A, B and C; anything below C is D.</summary>
public sealed record GradeCutoffs(int A, int B, int C)
{
    /// <summary>The grade of <paramref name="score"/>.</summary>
    public string GradeOf(int score) => score >= A ? "A" : score >= B ? "B" : score >= C ? "C" : "D";
}
