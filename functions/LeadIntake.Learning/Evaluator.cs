using LeadIntake.Learning.Data;
using LeadIntake.Learning.Evaluation;
using LeadIntake.Learning.Features;

namespace LeadIntake.Learning;

/// <summary>Measures a trained model on a labelled table (the CLI's <c>evaluate</c> verb).</summary>
public static class Evaluator
{
    /// <summary>Scores every labelled row of <paramref name="data"/> and compares with the outcome in <paramref name="label"/>.</summary>
    /// <param name="artifact">The model.</param>
    /// <param name="data">Rows carrying the model's feature columns and the label; rows with a blank label are skipped.</param>
    /// <param name="label">Outcome column.</param>
    /// <param name="positiveLabel">Value meaning converted; <see langword="null"/> uses the artifact's positive label.</param>
    /// <exception cref="ArgumentException">The label or a feature column is absent.</exception>
    public static EvaluationMetrics Evaluate(ModelArtifact artifact, TabularData data, string label, string? positiveLabel = null)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(data);
        var schema = artifact.Schema;
        var missingColumns = schema.Names.Where(n => data.IndexOf(n) < 0).ToArray();
        if (missingColumns.Length > 0)
            throw new ArgumentException(
                $"The data lacks column(s) the model needs: {string.Join(", ", missingColumns)}. Data columns: {string.Join(", ", data.Columns)}.", nameof(data));
        var labels = LabelInterpretation.Read(data, label, positiveLabel ?? artifact.PositiveLabel, schema.MissingMarkers).Labels;
        var columns = schema.Names.Select(data.IndexOf).ToArray();
        var encoder = new FeatureEncoder(schema);
        var scorer = artifact.CreateScorer();
        var features = new double[columns.Length];
        var probabilities = new List<double>(data.RowCount);
        var outcomes = new List<double>(data.RowCount);
        for (var r = 0; r < data.RowCount; r++)
        {
            if (double.IsNaN(labels[r]))
                continue;
            for (var f = 0; f < columns.Length; f++)
                features[f] = encoder.EncodeText(f, data.Rows[r][columns[f]]);
            probabilities.Add(scorer.Probability(features));
            outcomes.Add(labels[r]);
        }

        return Metrics.Evaluate(probabilities.ToArray(), outcomes.ToArray());
    }
}
