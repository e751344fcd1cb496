using LeadIntake.Learning.Data;
using LeadIntake.Scoring;
using Microsoft.ML;

namespace LeadIntake.Learning.Tests;

/// <summary>Models trained once for the trainer and scorer tests (each training takes seconds).</summary>
/// <remarks>
/// The history: <see cref="IntakeHistory"/> (800 leads, seed 11) plus six numeric columns leaning toward the outcome, so the
/// model has 11 features and a lead has more than five reasons on a side. <see cref="ByTime"/> holds out the most recent 20 %
/// by <c>created_at</c>; <see cref="Stratified"/> and <see cref="StratifiedAgain"/> hold out a stratified 20 % with the same seed.
/// </remarks>
public sealed class TrainedModels
{
    public const int Rows = 800;

    public TrainedModels()
    {
        var history = Histories.Intake(Rows, seed: 11);
        for (var k = 1; k <= 6; k++)
            history = history.WithColumn($"signal_{k}", Histories.Leaning(seed: 100 + k, shift: 0.4));
        History = history;
        ByTime = LeadModelTrainer.Train(History, Options with { TimeColumn = IntakeHistory.TimeColumn });
        Stratified = LeadModelTrainer.Train(History, Options);
        StratifiedAgain = LeadModelTrainer.Train(History, Options);
        Scorer = Load(ByTime);
    }

    /// <summary>Options of every model here (fixed creation time, so cards can be compared).</summary>
    public static TrainingOptions Options { get; } = new()
    {
        Label = IntakeHistory.Label, Exclude = [IntakeHistory.IdColumn], CreatedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public TabularData History { get; }

    public TrainingResult ByTime { get; }

    public TrainingResult Stratified { get; }

    public TrainingResult StratifiedAgain { get; }

    /// <summary><see cref="ByTime"/> saved to memory and loaded as the function app loads it.</summary>
    public LeadModel Scorer { get; }

    /// <summary>Saves <paramref name="result"/>'s model into memory and loads it with its card (no file).</summary>
    public static LeadModel Load(TrainingResult result, ModelCard? card = null)
    {
        using var zip = Save(result);
        return LeadModel.Load(zip, card ?? result.Card);
    }

    public static MemoryStream Save(TrainingResult result)
    {
        var ml = new MLContext(seed: 0);
        var input = ml.Data.LoadFromEnumerable(Array.Empty<LeadRow>(), LeadRow.SchemaDefinitionFor(result.Card.Features)).Schema;
        var zip = new MemoryStream();
        ml.Model.Save(result.Model, input, zip);
        zip.Position = 0;
        return zip;
    }

    /// <summary>The row indices of the most recent <paramref name="count"/> leads by <c>created_at</c> (ties: later row first), as the time holdout takes them.</summary>
    public int[] MostRecent(int count)
    {
        var time = History.IndexOf(IntakeHistory.TimeColumn);
        return [.. Enumerable.Range(0, History.RowCount)
            .OrderByDescending(r => DateTimeOffset.Parse(History.Rows[r][time]!, System.Globalization.CultureInfo.InvariantCulture))
            .ThenByDescending(r => r).Take(count)];
    }
}

[CollectionDefinition(Name)]
public sealed class TrainedModelsCollection : ICollectionFixture<TrainedModels>
{
    public const string Name = "trained models";
}
