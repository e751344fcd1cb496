namespace LeadIntake.Training;

/// <summary>Where <see cref="TrainingOutputs.WriteAsync"/> put the three files of a training run.</summary>
/// <param name="ModelPath">The artifact, <c>model.json</c>.</param>
/// <param name="ReportPath">The self-contained report, <c>report.html</c>.</param>
/// <param name="MetricsPath">The out-of-fold metrics, <c>metrics.json</c>.</param>
public sealed record TrainingOutputFiles(string ModelPath, string ReportPath, string MetricsPath);
