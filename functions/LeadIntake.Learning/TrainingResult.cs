namespace LeadIntake.Learning;

/// <summary>What <see cref="LeadModelTrainer.Train"/> produces: the artifact to publish and the report to review.</summary>
/// <param name="Artifact">The trained, calibrated model.</param>
/// <param name="Report">The evidence behind it.</param>
public sealed record TrainingResult(ModelArtifact Artifact, TrainingReport Report);
