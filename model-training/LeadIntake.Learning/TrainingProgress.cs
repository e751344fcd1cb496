namespace LeadIntake.Learning;

/// <summary>A progress report from a long training step: <paramref name="Step"/> is done <paramref name="Completed"/> of <paramref name="Total"/>.</summary>
public sealed record TrainingProgress(string Step, int Completed, int Total);
