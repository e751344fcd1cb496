using LeadIntake.Learning.Data;
using LeadIntake.Learning.Evaluation;
using LeadIntake.Learning.Features;
using LeadIntake.Scoring;
using Microsoft.ML;

namespace LeadIntake.Learning;

/// <summary>Measures a saved model on a labelled table (the CLI's <c>evaluate</c> verb and the publish gate).</summary>
public static class Evaluator
{
    /// <summary>Scores every labelled row of <paramref name="data"/> and compares with <paramref name="label"/>.</summary>
    /// <exception cref="ArgumentException">The label or a feature column is absent.</exception>
    public static EvaluationMetrics Evaluate(LeadModel model, TabularData data, string label)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var schema = model.Card.Features;
        var absent = schema.Names.Where(n => data.IndexOf(n) < 0).ToArray();
        if (absent.Length > 0)
            throw new ArgumentException($"The data lacks column(s) the model needs: {string.Join(", ", absent)}. Data columns: {string.Join(", ", data.Columns)}.", nameof(data));
        var outcome = LabelInterpretation.Read(data, label, model.Card.PositiveLabel, schema.MissingMarkers);
        var rows = Enumerable.Range(0, data.RowCount).Where(r => !double.IsNaN(outcome.Labels[r])).ToArray();
        var reader = new CellReader(schema);
        var index = schema.Columns.ToDictionary(c => c.Name, c => data.IndexOf(c.Name), StringComparer.Ordinal);
        var ml = new MLContext(seed: 0);
        var view = ml.Data.LoadFromEnumerable(rows.Select(r =>
        {
            var row = LeadRow.For(schema);
            row.Fill(reader, name => data.Rows[r][index[name]]);
            return row;
        }), LeadRow.SchemaDefinitionFor(schema));
        var probabilities = ml.Data.CreateEnumerable<Probability>(model.Transformer.Transform(view), reuseRowObject: false, ignoreMissingColumns: true)
            .Select(p => (double)p.Value).ToArray();
        return Metrics.Evaluate(probabilities, [.. rows.Select(r => outcome.Labels[r] > 0.5)]);
    }

    private sealed class Probability
    {
        [Microsoft.ML.Data.ColumnName(LeadModel.ProbabilityColumn)]
        public float Value { get; set; }
    }
}
