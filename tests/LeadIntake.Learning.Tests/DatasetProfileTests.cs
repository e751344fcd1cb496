using LeadIntake.Learning.Data;
using LeadIntake.Scoring;

namespace LeadIntake.Learning.Tests;

/// <summary>Schema inference and the leak guard, through <see cref="LeadModelTrainer.Profile"/> (no model is trained).</summary>
public sealed class DatasetProfileTests
{
    private const int Rows = 600;
    private static readonly TabularData History = Histories.Intake(Rows, seed: 21);
    private static readonly TrainingOptions Options = new() { Label = IntakeHistory.Label };

    private static ColumnProfile Column(DatasetProfile profile, string name) => profile.Columns.Single(c => c.Name == name);

    [Fact]
    public void Profile_UniqueIdColumn_IsExcludedAsIdLike()
    {
        var profile = LeadModelTrainer.Profile(History, Options);

        var id = Column(profile, IntakeHistory.IdColumn);
        Assert.True(id.IsIdLike);
        Assert.Equal("ID-like: unique per row", id.ExcludedReason);
        Assert.Contains(IntakeHistory.IdColumn, profile.IdColumns);
        Assert.DoesNotContain(profile.Features, c => c.Name == IntakeHistory.IdColumn);
    }

    [Theory]
    [InlineData("yes", "no")]
    [InlineData("Won", "Lost")]
    [InlineData("true", "false")]
    [InlineData("Y", "N")]
    [InlineData("Converted", "Not Converted")]
    public void Profile_LabelWords_PositiveIsTheConvertedWord(string converted, string notConverted)
    {
        var data = Relabel(History, converted, notConverted);

        var profile = LeadModelTrainer.Profile(data, Options);

        Assert.Equal(converted, profile.PositiveLabel);
        Assert.Equal([notConverted], profile.NegativeLabels);
        Assert.Equal(Histories.Outcomes(History).Count(y => y), profile.Positives);
    }

    [Fact]
    public void Profile_LabelWithoutAKnownPositiveWord_IsRefusedNamingTheValues()
    {
        var data = Relabel(History, "maybe", "no");

        var error = Assert.Throws<ArgumentException>(() => LeadModelTrainer.Profile(data, Options));

        Assert.Contains("Cannot tell which value of 'converted' means converted (values: maybe, no)", error.Message);
    }

    [Fact]
    public void Profile_MissingMarkerOption_ReadsSelectAsMissing()
    {
        // Rows r % 10 in 0..2 hold the web form's untouched "Select", r % 10 == 3 the default marker "NA": 30 % + 10 % of the rows.
        var data = History.WithColumn("country", (r, _) => (r % 10) switch { < 3 => "Select", 3 => "NA", _ => r % 2 == 0 ? "India" : "Germany" });

        var plain = Column(LeadModelTrainer.Profile(data, Options), "country");
        var marked = Column(LeadModelTrainer.Profile(data, Options with { MissingMarkers = ["Select"] }), "country");

        Assert.Equal(0.1, plain.MissingRate, 12);
        Assert.Contains("Select", LevelsOf(data, Options, "country"));
        Assert.Equal(0.4, marked.MissingRate, 12);
        Assert.DoesNotContain("Select", LevelsOf(data, Options with { MissingMarkers = ["Select"] }, "country"));
    }

    [Fact]
    public void Profile_HighCardinalityCategory_IsCappedAndTheCapReported()
    {
        // 60 cities of 10 rows each (600 / 60): twice the default cap of 30 levels, each seen in at least 5 rows.
        var data = History.WithColumn("city", (r, _) => $"city-{r % 60:D2}");

        var city = Column(LeadModelTrainer.Profile(data, Options), "city");

        Assert.Equal(FeatureKind.Categorical, city.Kind);
        Assert.Equal(60, city.DistinctCount);
        Assert.False(city.IsIdLike);
        Assert.Equal(30, LevelsOf(data, Options, "city").Count);
        Assert.Contains("30 of 60 levels kept (at most 30, each in ≥ 5 rows); the rest set no indicator", city.Notes);
    }

    [Theory]
    [InlineData("?", true)]
    [InlineData("-", true)]
    [InlineData("#N/A", true)]
    [InlineData("n/a", false)] // a default missing marker (N/A, case-insensitive): missing without being a stray token
    public void Profile_NumericColumnWithAFewStrayTokens_StaysNumericWithThoseCellsMissing(string token, bool reportedAsStray)
    {
        // Every 120th row (5 of 600) holds the token; the rest are numbers.
        var data = History.WithColumn("visits", (r, _) => r % 120 == 7 ? token : (r % 13).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var visits = Column(LeadModelTrainer.Profile(data, Options), "visits");

        Assert.Equal(FeatureKind.Numeric, visits.Kind);
        Assert.Equal(5.0 / Rows, visits.MissingRate, 12);
        Assert.Equal(reportedAsStray, visits.Notes.Contains($"numeric; stray token(s) read as missing: '{token}' ×5"));
    }

    [Fact]
    public void Profile_NumericLookingColumnWithManyWords_IsCategorical()
    {
        // A fifth of the cells are words: far above the 2 % a stray token may take.
        var data = History.WithColumn("visits", (r, _) => r % 5 == 0 ? "many" : (r % 13).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(FeatureKind.Categorical, Column(LeadModelTrainer.Profile(data, Options), "visits").Kind);
    }

    [Fact]
    public void Profile_CategoricalOption_ReadsNumericCodesAsLevels()
    {
        var plain = Column(LeadModelTrainer.Profile(History, Options), "has_phone");
        var forced = Column(LeadModelTrainer.Profile(History, Options with { Categorical = ["has_phone"] }), "has_phone");

        Assert.Equal(FeatureKind.Numeric, plain.Kind);
        Assert.Equal(FeatureKind.Categorical, forced.Kind);
        Assert.Contains("categorical by --categorical", forced.Notes);
        Assert.Equal(["0", "1"], LevelsOf(History, Options with { Categorical = ["has_phone"] }, "has_phone").Order());
    }

    [Fact]
    public void Profile_PerfectLeak_IsRefusedByDefaultNamingTheColumn()
    {
        var data = History.WithColumn("stage", (_, converted) => converted ? "Closed won" : "Closed lost");

        var error = Assert.Throws<LeakageRefusedException>(() => LeadModelTrainer.Profile(data, Options));

        Assert.Equal("stage", Assert.Single(error.Columns).Column);
        Assert.True(error.Columns[0].Auc >= Options.PerfectLeakAuc, $"AUC {error.Columns[0].Auc}");
        Assert.Contains("'stage' (single-column AUC 1.000)", error.Message);
        Assert.Contains("--drop-leaky", error.Message);
    }

    [Fact]
    public void Profile_PerfectLeakWithDropLeaky_DropsIt()
    {
        var data = History.WithColumn("stage", (_, converted) => converted ? "Closed won" : "Closed lost");

        var stage = Column(LeadModelTrainer.Profile(data, Options with { DropLeaky = true }), "stage");

        Assert.Equal(LeakLevel.Perfect, stage.Leak);
        Assert.Equal("likely leak: single-column AUC 1.000 (dropped)", stage.ExcludedReason);
    }

    [Fact]
    public void Profile_PerfectLeakWithKeepLeaky_KeepsItAsAFeature()
    {
        var data = History.WithColumn("stage", (_, converted) => converted ? "Closed won" : "Closed lost");

        var profile = LeadModelTrainer.Profile(data, Options with { KeepLeaky = ["stage"] });

        Assert.Equal(LeakLevel.Perfect, Column(profile, "stage").Leak);
        Assert.Contains(profile.Features, c => c.Name == "stage");
    }

    [Fact]
    public void Profile_ColumnRightNineTimesInTen_IsWarnedAboutAndKept()
    {
        // Right 90 % of the time: a binary column's AUC is then about 0.9, inside the suspicious band [0.78, 0.99).
        var random = new Random(5);
        var data = History.WithColumn("sales_tag", (_, converted) => converted == random.NextDouble() < 0.9 ? "hot" : "cold");

        var profile = LeadModelTrainer.Profile(data, Options);

        var tag = Column(profile, "sales_tag");
        Assert.Equal(LeakLevel.Suspicious, tag.Leak);
        Assert.InRange(tag.SingleColumnAuc!.Value, Options.LeakAucThreshold, Options.PerfectLeakAuc);
        Assert.Null(tag.ExcludedReason);
        Assert.Contains(tag, profile.LikelyLeaks);
    }

    [Fact]
    public void Profile_HonestIntakeColumns_AreNotFlagged()
    {
        var profile = LeadModelTrainer.Profile(History, Options);

        Assert.All(profile.Features, c => Assert.Equal(LeakLevel.None, c.Leak));
    }

    private static TabularData Relabel(TabularData data, string converted, string notConverted)
    {
        var label = data.IndexOf(IntakeHistory.Label);
        return new TabularData(data.Columns, [.. data.Rows.Select(row =>
        {
            var copy = (string?[])row.Clone();
            copy[label] = row[label] == "1" ? converted : notConverted;
            return copy;
        })]);
    }

    // Levels live in the feature schema, which Train builds; the profile's notes report the cap. Read them through Prepare.
    private static IReadOnlyList<string> LevelsOf(TabularData data, TrainingOptions options, string column)
    {
        var label = Features.LabelInterpretation.Read(data, options.Label, options.PositiveLabel, Features.DatasetAnalyzer.MissingMarkers(options));
        var prepared = Features.DatasetAnalyzer.Prepare(data, options, label, [.. Enumerable.Range(0, data.RowCount)]);
        return prepared.Schema.Columns.Single(c => c.Name == column).Levels;
    }
}
