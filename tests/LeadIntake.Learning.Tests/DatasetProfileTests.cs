using LeadIntake.Learning.Data;
using LeadIntake.Learning.Features;

namespace LeadIntake.Learning.Tests;

public class DatasetProfileTests
{
    private static TabularData Table(string csv) => CsvTable.Read(new StringReader(csv));

    private static TabularData LabelValues(string positive, string negative) =>
        new(["x", "y"], Enumerable.Range(0, 20).Select(i => new string?[] { i.ToString(), i % 2 == 0 ? positive : negative }).ToArray());

    [Theory]
    [InlineData("1", "0")]
    [InlineData("Yes", "No")]
    [InlineData("true", "false")]
    [InlineData("Won", "Lost")]
    [InlineData("converted", "not converted")]
    public void Profile_KnownLabelPairs_PicksThePositiveWord(string positive, string negative)
    {
        var profile = LeadModelTrainer.Profile(LabelValues(positive, negative), new TrainingOptions { Label = "y" });

        Assert.Equal(positive, profile.PositiveLabel);
        Assert.Equal([negative], profile.NegativeLabels);
        Assert.Equal(10, profile.Positives);
    }

    [Fact]
    public void Profile_UnrecognisedLabels_ThrowsAskingForPositiveLabel()
    {
        var error = Assert.Throws<ArgumentException>(() => LeadModelTrainer.Profile(LabelValues("gold", "silver"), new TrainingOptions { Label = "y" }));

        Assert.Contains("positive-label", error.Message);
    }

    [Fact]
    public void Profile_PositiveLabelOverride_UsesIt()
    {
        var profile = LeadModelTrainer.Profile(LabelValues("gold", "silver"), new TrainingOptions { Label = "y", PositiveLabel = "silver" });

        Assert.Equal("silver", profile.PositiveLabel);
        Assert.Equal(10, profile.Positives);
    }

    [Fact]
    public void Profile_MissingLabelColumn_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => LeadModelTrainer.Profile(LabelValues("1", "0"), new TrainingOptions { Label = "Outcome" }));

        Assert.Contains("'Outcome'", error.Message);
    }

    [Fact]
    public void Profile_SyntheticHistory_InfersKindsMissingAndIds()
    {
        var profile = LeadModelTrainer.Profile(SyntheticLeads.Generate(600, seed: 3), SyntheticLeads.Options());
        var columns = profile.Columns.ToDictionary(c => c.Name);

        Assert.Equal(FeatureKind.Numeric, columns["Visits"].Kind);
        Assert.Equal(FeatureKind.Numeric, columns["Time on site"].Kind);
        Assert.Equal(FeatureKind.Categorical, columns["Source"].Kind);
        Assert.InRange(columns["Visits"].MissingRate, 0.05, 0.15);   // generator: 10 % "NA"
        Assert.InRange(columns["Form"].MissingRate, 0.25, 0.41);     // generator: 33 % "Select", a user marker
        Assert.Equal(["Lead ID"], profile.IdColumns);
        Assert.Null(columns["Time on site"].ExcludedReason);         // continuous and unique, yet not an ID
        Assert.Equal("yes", profile.PositiveLabel);
    }

    [Fact]
    public void Train_HighCardinalityCategory_CappedToFrequentLevelsPlusOther()
    {
        var options = SyntheticLeads.Options() with { MaxCategoryLevels = 10 };

        var result = LeadModelTrainer.Train(SyntheticLeads.Generate(600, seed: 3), options);

        var country = result.Artifact.Schema.Columns.Single(c => c.Name == "Country");
        Assert.Equal(10, country.Levels.Count);
        Assert.Equal(10, country.OtherLevel);
    }

    [Fact]
    public void Profile_IncludeAndExclude_LimitFeatures()
    {
        var data = SyntheticLeads.Generate(300, seed: 3);

        var excluded = LeadModelTrainer.Profile(data, SyntheticLeads.Options() with { Exclude = ["Country,Form"] });
        var included = LeadModelTrainer.Profile(data, SyntheticLeads.Options() with { Include = ["Source", "Visits"] });

        Assert.Equal(["Source", "Visits", "Time on site"], excluded.Features.Select(c => c.Name));
        Assert.Equal(["Source", "Visits"], included.Features.Select(c => c.Name));
        Assert.Equal("excluded by option", excluded.Columns.Single(c => c.Name == "Country").ExcludedReason);
    }

    [Fact]
    public void Profile_UnknownExcludedColumn_Throws()
    {
        Assert.Throws<ArgumentException>(() => LeadModelTrainer.Profile(SyntheticLeads.Generate(100, 3), SyntheticLeads.Options() with { Exclude = ["Nope"] }));
    }

    [Fact]
    public void Profile_ConstantAndEmptyColumns_Excluded()
    {
        var csv = "k,e,v,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"same,,{i % 3},{(i % 2 == 0 ? "yes" : "no")}\n"));

        var profile = LeadModelTrainer.Profile(Table(csv), new TrainingOptions { Label = "y" });

        Assert.Equal("constant", profile.Columns.Single(c => c.Name == "k").ExcludedReason);
        Assert.Equal("always missing", profile.Columns.Single(c => c.Name == "e").ExcludedReason);
    }

    [Fact]
    public void Profile_ColumnCopyingTheOutcome_FlaggedAsLeak()
    {
        var data = WithLeak(SyntheticLeads.Generate(800, seed: 5));

        var profile = LeadModelTrainer.Profile(data, SyntheticLeads.Options());

        var leak = Assert.Single(profile.LikelyLeaks);
        Assert.Equal("Sales outcome", leak.Name);
        Assert.True(leak.SingleColumnAuc > 0.9);
    }

    [Fact]
    public void Train_DropLeaky_RemovesTheLeakFromTheSchema()
    {
        var data = WithLeak(SyntheticLeads.Generate(800, seed: 5));

        var kept = LeadModelTrainer.Train(data, SyntheticLeads.Options());
        var dropped = LeadModelTrainer.Train(data, SyntheticLeads.Options() with { DropLeaky = true });

        Assert.Contains("Sales outcome", kept.Artifact.Schema.Names);
        Assert.DoesNotContain("Sales outcome", dropped.Artifact.Schema.Names);
        Assert.Contains(dropped.Artifact.Schema.Excluded, e => e.Name == "Sales outcome" && e.Reason.StartsWith("likely leak"));
        Assert.True(Assert.Single(dropped.Report.LeakWarnings).Dropped);
    }

    /// <summary>Adds a column sales fills in after the fact: it agrees with the outcome 95 % of the time.</summary>
    private static TabularData WithLeak(TabularData data)
    {
        var random = new Random(11);
        var label = data.IndexOf("Converted");
        var rows = data.Rows.Select(r => r.Append((r[label] == "yes") ^ (random.NextDouble() < 0.05) ? "Hot" : "Cold").ToArray()).ToArray();
        return new TabularData(data.Columns.Append("Sales outcome").ToArray(), rows);
    }
}
