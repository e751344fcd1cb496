using System.Collections.Concurrent;
using System.Globalization;
using LeadIntake.Scoring;

namespace LeadIntake.Learning.Tests;

/// <summary>The scoring half: reasons, the engine pool, and what a load refuses.</summary>
[Collection(TrainedModelsCollection.Name)]
public sealed class LeadModelTests(TrainedModels models)
{
    private IReadOnlyList<IReadOnlyDictionary<string, object?>> Leads => Histories.Leads(models.History);

    [Fact]
    public void Score_Reasons_AreAtMostFivePositiveThenFiveNegativeLargestFirst()
    {
        var reasons = Leads.Select(lead => models.Scorer.Score(lead).Reasons).ToArray();

        Assert.All(reasons, list =>
        {
            var positive = list.TakeWhile(r => r.Contribution > 0).ToArray();
            var negative = list.Skip(positive.Length).ToArray();
            Assert.InRange(positive.Length, 0, 5);
            Assert.InRange(negative.Length, 0, 5);
            Assert.All(negative, r => Assert.True(r.Contribution < 0));
            Assert.Equal(positive.Select(r => r.Contribution).OrderDescending(), positive.Select(r => r.Contribution));
            Assert.Equal(negative.Select(r => r.Contribution).Order(), negative.Select(r => r.Contribution));
        });
        // 11 features: the cap must actually bite on some leads, or this test could not fail.
        Assert.Contains(reasons, list => list.Count(r => r.Contribution > 0) == 5);
        Assert.Contains(reasons, list => list.Count(r => r.Contribution < 0) == 5);
    }

    [Fact]
    public void Score_Reasons_NameTheSourceColumnAndTheLeadsOwnValue()
    {
        var features = models.ByTime.Card.Features.Columns.ToDictionary(c => c.Name);

        foreach (var lead in Leads.Take(100))
        {
            foreach (var reason in models.Scorer.Score(lead).Reasons)
            {
                Assert.True(features.TryGetValue(reason.Feature, out var column), $"'{reason.Feature}' is not a source column");
                var cell = (string?)lead[reason.Feature];
                var expected = column.Kind == FeatureKind.Categorical || string.IsNullOrEmpty(cell)
                    ? (string.IsNullOrEmpty(cell) ? null : cell)
                    : double.Parse(cell, CultureInfo.InvariantCulture).ToString("G6", CultureInfo.InvariantCulture);
                Assert.Equal(expected, reason.Value);
            }
        }
    }

    [Fact]
    public void Score_OneColumnChanged_RawScoreMovesWithThatColumnsContribution()
    {
        // Move one reason's column to another lead's value: the raw score must move the way that column's contribution moved.
        var leads = Leads.Take(60).ToArray();
        var checkedPairs = 0;
        for (var i = 0; i < leads.Length; i++)
        {
            var before = models.Scorer.Score(leads[i]);
            foreach (var reason in before.Reasons)
            {
                var changed = new Dictionary<string, object?>(leads[i]) { [reason.Feature] = leads[(i + 7) % leads.Length][reason.Feature] };
                var after = models.Scorer.Score(changed);
                var moved = after.Reasons.SingleOrDefault(r => r.Feature == reason.Feature)?.Contribution ?? 0;
                var delta = moved - reason.Contribution;
                if (Math.Abs(delta) < 1e-3 || after.Reasons.All(r => r.Feature != reason.Feature))
                    continue;
                checkedPairs++;
                Assert.True(Math.Sign(after.RawScore - before.RawScore) == Math.Sign(delta),
                    $"{reason.Feature}: {reason.Value} → {leads[(i + 7) % leads.Length][reason.Feature]} moved its contribution by {delta:0.000} but the raw score by {after.RawScore - before.RawScore:0.000}");
            }
        }

        Assert.True(checkedPairs > 50, $"{checkedPairs} pairs checked");
    }

    [Fact]
    public void Score_ManyThreads_SameLeadsGiveTheSameScores()
    {
        var leads = Leads.Take(200).ToArray();
        var expected = leads.Select(lead => Text(models.Scorer.Score(lead))).ToArray();
        var seen = new ConcurrentBag<(int Lead, string Score)>();

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, k => seen.Add((k % leads.Length, Text(models.Scorer.Score(leads[k % leads.Length])))));

        Assert.Equal(4000, seen.Count);
        Assert.All(seen, s => Assert.Equal(expected[s.Lead], s.Score));
    }

    [Fact]
    public void Read_UnknownFormatVersion_IsRefusedNamingBothVersions()
    {
        var json = models.ByTime.Card.ToJson().Replace("\"formatVersion\": 2", "\"formatVersion\": 3", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => ModelCard.Read(json));

        Assert.Equal("Model card formatVersion 3 is not supported: this build reads formatVersion 2 only.", error.Message);
    }

    [Fact]
    public void Load_CardWithAFeatureTheZipLacks_IsRefusedNamingBothSides()
    {
        var card = models.ByTime.Card;
        var wider = card with { Features = card.Features with { Columns = [.. card.Features.Columns, new FeatureColumn("extra", FeatureKind.Numeric, [])] } };
        var numeric = card.Features.Numeric.Count;

        var error = Assert.Throws<InvalidDataException>(() => TrainedModels.Load(models.ByTime, wider));

        Assert.Contains($"the card's {numeric + 1} numeric feature(s) needs 'Numbers' with {numeric + 1} slots", error.Message);
        Assert.Contains($"model.zip has Vector<Single, {numeric}>", error.Message);
    }

    [Fact]
    public void Load_CardWithALevelTheZipLacks_IsRefusedNamingBothSides()
    {
        var card = models.ByTime.Card;
        var columns = card.Features.Columns.Select(c => c.Kind == FeatureKind.Categorical && c.Name == "email_class" ? c with { Levels = [.. c.Levels, "unheard_of"] } : c);
        var wider = card with { Features = card.Features with { Columns = [.. columns] } };

        var error = Assert.Throws<InvalidDataException>(() => TrainedModels.Load(models.ByTime, wider));

        Assert.Contains($"the card's layout of {card.Features.SlotCount + 1} feature slots needs 'FeatureContributions' with {card.Features.SlotCount + 1} slots", error.Message);
        Assert.Contains($"model.zip has Vector<Single, {card.Features.SlotCount}>", error.Message);
    }

    [Fact]
    public void Score_LeadLackingAColumn_IsRefusedNamingModelAndLeadColumns()
    {
        var lead = new Dictionary<string, object?>(Leads[0]);
        lead.Remove("email_class");

        var error = Assert.Throws<ArgumentException>(() => models.Scorer.Score(lead));

        Assert.Contains($"The lead lacks 1 column(s) model {models.Scorer.ModelVersion} reads: email_class.", error.Message);
        Assert.Contains("Model columns: ", error.Message);
        Assert.Contains("Lead columns: ", error.Message);
    }

    private static string Text(ModelScore score) =>
        string.Create(CultureInfo.InvariantCulture, $"{score.Probability:R} {score.RawScore:R} {score.Score} {score.Grade} ")
        + string.Join(";", score.Reasons.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Feature}={r.Value}:{r.Contribution:R}")));
}
