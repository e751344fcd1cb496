using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LeadIntake.Scoring;

/// <summary>A trained lead model loaded from <c>model.zip</c> + <c>model-card.json</c>: scores leads with reasons.</summary>
/// <remarks>
/// Immutable and thread-safe: ML.NET's <see cref="PredictionEngine{TSrc,TDst}"/> is not, so each call rents one from a pool
/// (one engine per concurrent caller, created on demand and kept). Reasons are ML.NET's feature contributions (raw-score
/// units, log-odds for both model families) summed from the encoded slots back to the source column.
/// </remarks>
public sealed class LeadModel
{
    /// <summary>ML.NET's saved model in a model folder.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>The card in a model folder.</summary>
    public const string CardFileName = "model-card.json";

    /// <summary>Output column of the calibrated probability.</summary>
    public const string ProbabilityColumn = "Probability";

    /// <summary>Output column of the raw score (log-odds).</summary>
    public const string ScoreColumn = "Score";

    /// <summary>Output column of the per-slot feature contributions.</summary>
    public const string ContributionsColumn = "FeatureContributions";

    private const int MaxReasonsPerSide = 5;
    private readonly MLContext _ml = new(seed: 0);
    private readonly ITransformer _model;
    private readonly SchemaDefinition _inputDefinition;
    private readonly CellReader _reader;
    private readonly int[] _columnOfSlot;
    private readonly ConcurrentBag<Engine> _engines = [];

    private LeadModel(ITransformer model, DataViewSchema inputSchema, ModelCard card)
    {
        Card = card;
        _model = model;
        _reader = new CellReader(card.Features);
        _inputDefinition = LeadRow.SchemaDefinitionFor(card.Features);
        _columnOfSlot = SlotColumns(card.Features);
        Check(model, inputSchema, card);
        _engines.Add(NewEngine());
    }

    /// <summary>The card that came with the model.</summary>
    public ModelCard Card { get; }

    /// <summary>Version stamped on every score.</summary>
    public string ModelVersion => Card.ModelVersion;

    /// <summary>Source columns the model reads, in model order.</summary>
    public IReadOnlyList<string> FeatureNames => Card.Features.Names;

    /// <summary>The ML.NET transformer (for bulk evaluation with <c>Transform</c>).</summary>
    public ITransformer Transformer => _model;

    /// <summary>Loads the model folder <paramref name="directory"/> (<see cref="ModelFileName"/> and <see cref="CardFileName"/>).</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">The card or the model is invalid, or they do not match.</exception>
    public static LeadModel Load(string directory)
    {
        var card = ModelCard.ReadFile(Path.Combine(directory, CardFileName));
        using var zip = File.OpenRead(Path.Combine(directory, ModelFileName));
        return Load(zip, card);
    }

    /// <summary>Loads a saved model with its card.</summary>
    /// <exception cref="InvalidDataException">The model cannot be read, or its inputs or feature slots are not the card's.</exception>
    public static LeadModel Load(Stream modelZip, ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        ArgumentNullException.ThrowIfNull(card);
        ITransformer model;
        DataViewSchema inputSchema;
        try
        {
            model = new MLContext(seed: 0).Model.Load(modelZip, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"model.zip of {card.ModelVersion} cannot be loaded by ML.NET: {e.Message}", e);
        }

        return new LeadModel(model, inputSchema, card);
    }

    /// <summary>Scores one lead given as source column → raw value (string, number, bool or null).</summary>
    /// <exception cref="ArgumentException">The lead lacks columns the model reads (both sides named).</exception>
    public ModelScore Score(IReadOnlyDictionary<string, object?> lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var absent = FeatureNames.Where(name => !lead.ContainsKey(name)).ToArray();
        if (absent.Length > 0)
            throw new ArgumentException(
                $"The lead lacks {absent.Length} column(s) model {ModelVersion} reads: {string.Join(", ", absent)}. " +
                $"Model columns: {string.Join(", ", FeatureNames)}. Lead columns: {string.Join(", ", lead.Keys)}.", nameof(lead));

        if (!_engines.TryTake(out var engine))
            engine = NewEngine();
        try
        {
            engine.Row.Fill(_reader, name => lead[name]);
            engine.Predictor.Predict(engine.Row, ref engine.Prediction);
            var columns = Card.Features.Columns;
            var sums = new double[columns.Count];
            var contributions = engine.Prediction.FeatureContributions;
            for (var slot = 0; slot < contributions.Length; slot++)
                sums[_columnOfSlot[slot]] += contributions[slot];
            var probability = (double)engine.Prediction.Probability;
            var score = Card.Scale.ToScore(probability);
            return new ModelScore(probability, engine.Prediction.Score, score, Card.Grades.GradeFor(score), ModelVersion, Reasons(sums, lead));
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private IReadOnlyList<ScoreContribution> Reasons(double[] sums, IReadOnlyDictionary<string, object?> lead)
    {
        var columns = Card.Features.Columns;
        var order = Enumerable.Range(0, sums.Length);
        var chosen = order.Where(i => sums[i] > 0).OrderByDescending(i => sums[i]).ThenBy(i => i).Take(MaxReasonsPerSide)
            .Concat(order.Where(i => sums[i] < 0).OrderBy(i => sums[i]).ThenBy(i => i).Take(MaxReasonsPerSide));
        return [.. chosen.Select(i => new ScoreContribution(columns[i].Name, Describe(columns[i], lead[columns[i].Name]), sums[i]))];
    }

    private string? Describe(FeatureColumn column, object? raw)
    {
        if (column.Kind == FeatureKind.Categorical)
            return _reader.Category(raw);
        var number = _reader.Number(raw);
        return float.IsNaN(number) ? null : ((double)number).ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private Engine NewEngine() => new(
        _ml.Model.CreatePredictionEngine<LeadRow, LeadPrediction>(_model, ignoreMissingColumns: true, inputSchemaDefinition: _inputDefinition),
        LeadRow.For(Card.Features));

    /// <summary>Which feature column each slot of the feature vector belongs to (see <see cref="FeatureSchema"/>'s layout).</summary>
    private static int[] SlotColumns(FeatureSchema schema)
    {
        var index = schema.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var numeric = schema.Numeric.Select(c => index[c.Name]).ToArray();
        return [.. numeric, .. numeric, .. schema.Categorical.SelectMany(c => Enumerable.Repeat(index[c.Name], c.Levels.Count))];
    }

    private static void Check(ITransformer model, DataViewSchema input, ModelCard card)
    {
        void Expect(DataViewSchema schema, string column, int size, string side)
        {
            var found = schema.GetColumnOrNull(column);
            var actual = found?.Type is VectorDataViewType vector ? vector.Size : -1;
            if (actual != size)
                throw new InvalidDataException(
                    $"Model {card.ModelVersion} does not match its card: the card's {side} needs '{column}' with {size} slots, " +
                    $"model.zip has {(found is null ? "no such column" : $"{found.Value.Type}")}.");
        }

        var features = card.Features;
        Expect(input, LeadRow.NumbersColumn, features.Numeric.Count, $"{features.Numeric.Count} numeric feature(s)");
        Expect(input, LeadRow.TextColumn, features.Categorical.Count, $"{features.Categorical.Count} categorical feature(s)");
        DataViewSchema output;
        try
        {
            output = model.GetOutputSchema(input);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"Model {card.ModelVersion} cannot score its own input schema: {e.Message}", e);
        }

        Expect(output, ContributionsColumn, features.SlotCount, $"layout of {features.SlotCount} feature slots");
        if (output.GetColumnOrNull(ProbabilityColumn) is null || output.GetColumnOrNull(ScoreColumn) is null)
            throw new InvalidDataException($"Model {card.ModelVersion} outputs no '{ProbabilityColumn}' and '{ScoreColumn}' columns.");
    }

    private sealed class Engine(PredictionEngine<LeadRow, LeadPrediction> predictor, LeadRow row)
    {
        public PredictionEngine<LeadRow, LeadPrediction> Predictor { get; } = predictor;

        public LeadRow Row { get; } = row;

        public LeadPrediction Prediction = new();
    }
}

/// <summary>What the prediction engine writes: raw score, calibrated probability and per-slot contributions.</summary>
internal sealed class LeadPrediction
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public float[] FeatureContributions { get; set; } = [];
}
