using LeadIntake.Learning;

namespace LeadIntake.Training;

/// <summary>Writes a training run's files: the same names from the CLI and the notebook.</summary>
public static class TrainingOutputs
{
    /// <summary>The artifact's file name.</summary>
    public const string ModelFileName = "model.json";

    /// <summary>The report's file name.</summary>
    public const string ReportFileName = "report.html";

    /// <summary>The metrics' file name.</summary>
    public const string MetricsFileName = "metrics.json";

    /// <summary>Writes <c>model.json</c>, <c>report.html</c> and <c>metrics.json</c> into <paramref name="directory"/> (created if needed).</summary>
    public static async Task<TrainingOutputFiles> WriteAsync(TrainingResult result, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var files = new TrainingOutputFiles(
            Path.Combine(directory, ModelFileName), Path.Combine(directory, ReportFileName), Path.Combine(directory, MetricsFileName));
        await using (var model = File.Create(files.ModelPath))
            await result.Artifact.WriteAsync(model, cancellationToken);
        await File.WriteAllTextAsync(files.ReportPath, TrainingReportHtml.Render(result), cancellationToken);
        await File.WriteAllTextAsync(files.MetricsPath, result.Report.Metrics.ToJson(), cancellationToken);
        return files;
    }
}
