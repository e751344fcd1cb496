using LeadIntake.Domain.Scoring;

namespace LeadIntake.Application.Scoring;

/// <summary>A scorer with the MQL/SQL thresholds that go with it.</summary>
/// <param name="Scorer">Scores a lead's features.</param>
/// <param name="Thresholds">Scores at which a lead becomes marketing- or sales-qualified.</param>
public sealed record ActiveScorer(ILeadScorer Scorer, QualificationThresholds Thresholds);
