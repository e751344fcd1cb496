using LeadIntake.Scoring;
using Microsoft.ML;

namespace LeadIntake.Learning;

/// <summary>A trained model (ML.NET transformer + card) and its report; <see cref="WriteTo"/> writes the model folder.</summary>
public sealed class TrainingResult
{
    private readonly DataViewSchema _inputSchema;

    private readonly IReadOnlyList<int> _holdoutRows;

    internal TrainingResult(ModelCard card, ITransformer model, DataViewSchema inputSchema, TrainingReport report, IReadOnlyList<int> holdoutRows)
    {
        _holdoutRows = holdoutRows;
        Card = card;
        Model = model;
        _inputSchema = inputSchema;
        Report = report;
    }

    /// <summary>The card (<c>model-card.json</c>).</summary>
    public ModelCard Card { get; }

    /// <summary>The fitted ML.NET model: featurizer, trainer, feature contributions, out-of-fold calibrator.</summary>
    public ITransformer Model { get; }

    /// <summary>What the report shows beside the card.</summary>
    public TrainingReport Report { get; }

    /// <summary>Holdout metrics, or out-of-fold ones when trained without a holdout (<c>metrics.json</c>).</summary>
    public EvaluationMetrics Metrics => Card.Holdout ?? Card.CrossValidated;

    /// <summary>
    /// Writes <c>model.zip</c>, <c>model-card.json</c>, <c>metrics.json</c>, <c>report.html</c> and, with a holdout,
    /// <see cref="HoldoutRows.FileName"/> into <paramref name="directory"/> (created if needed).
    /// </summary>
    public TrainingOutputFiles WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new TrainingOutputFiles(
            Path.Combine(directory, LeadModel.ModelFileName), Path.Combine(directory, LeadModel.CardFileName),
            Path.Combine(directory, "metrics.json"), Path.Combine(directory, "report.html"),
            _holdoutRows.Count > 0 ? Path.Combine(directory, HoldoutRows.FileName) : null);
        new MLContext(seed: 0).Model.Save(Model, _inputSchema, files.ModelPath);
        File.WriteAllText(files.CardPath, Card.ToJson());
        File.WriteAllText(files.MetricsPath, Metrics.ToJson());
        File.WriteAllText(files.ReportPath, TrainingReportHtml.Render(this));
        if (files.HoldoutRowsPath is not null)
            HoldoutRows.Write(directory, _holdoutRows);
        return files;
    }
}

/// <summary>The files of a model folder.</summary>
/// <param name="ModelPath"><c>model.zip</c>, ML.NET's saved model.</param>
/// <param name="CardPath"><c>model-card.json</c>.</param>
/// <param name="MetricsPath"><c>metrics.json</c>: holdout metrics (out-of-fold without a holdout).</param>
/// <param name="ReportPath"><c>report.html</c>, self-contained.</param>
/// <param name="HoldoutRowsPath"><see cref="HoldoutRows.FileName"/>, or <see langword="null"/> without a holdout.</param>
public sealed record TrainingOutputFiles(string ModelPath, string CardPath, string MetricsPath, string ReportPath, string? HoldoutRowsPath);
