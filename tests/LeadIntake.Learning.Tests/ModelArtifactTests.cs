using System.Text.Json.Nodes;

namespace LeadIntake.Learning.Tests;

public class ModelArtifactTests
{
    private static readonly Lazy<ModelArtifact> Trees = new(() =>
        LeadModelTrainer.Train(SyntheticLeads.Generate(600, seed: 12), SyntheticLeads.Options() with { ModelKinds = [ModelKind.GradientBoostedTrees] }).Artifact);

    [Fact]
    public async Task WriteAsyncReadAsync_RoundTrip_SameJsonAndScores()
    {
        var artifact = Trees.Value;
        using var stream = new MemoryStream();
        await artifact.WriteAsync(stream);
        stream.Position = 0;

        var read = await ModelArtifact.ReadAsync(stream);

        Assert.Equal(artifact.ToJson(), read.ToJson());
        var lead = SyntheticLeads.Lead("Email", 7, 450);
        Assert.Equal(artifact.CreateScorer().Score(lead), read.CreateScorer().Score(lead), new ScoreComparer());
    }

    [Fact]
    public void ToJson_Document_CarriesVersionKindSchemaAndFingerprint()
    {
        var json = JsonNode.Parse(Trees.Value.ToJson())!;

        Assert.Equal(ModelArtifact.CurrentFormatVersion, (int)json["formatVersion"]!);
        Assert.Equal(Trees.Value.ModelKind, (string)json["modelKind"]!);
        Assert.Equal(64, ((string)json["trainingData"]!["sha256"]!).Length);
        Assert.Contains(json["schema"]!["excluded"]!.AsArray(), e => (string)e!["name"]! == "Lead ID");
        Assert.NotNull(json["options"]!["seed"]);
        Assert.Null(json["options"]!["timeProvider"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(99)]
    public void Read_UnknownFormatVersion_RefusedClearly(int version)
    {
        var json = JsonNode.Parse(Trees.Value.ToJson())!;
        json["formatVersion"] = version;

        var error = Assert.Throws<InvalidDataException>(() => ModelArtifact.Read(json.ToJsonString()));

        Assert.Contains($"formatVersion {version} is not supported", error.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"formatVersion\":1}")]
    public void Read_Malformed_ThrowsInvalidData(string json)
    {
        Assert.Throws<InvalidDataException>(() => ModelArtifact.Read(json));
    }

    [Fact]
    public void Read_KindDisagreesWithParameters_Refused()
    {
        var json = JsonNode.Parse(Trees.Value.ToJson())!;
        json["modelKind"] = ModelKind.LogisticRegression;

        Assert.Throws<InvalidDataException>(() => ModelArtifact.Read(json.ToJsonString()));
    }

    [Fact]
    public void Read_NonFiniteLeafValue_Refused()
    {
        var json = JsonNode.Parse(Trees.Value.ToJson())!;
        json["trees"]!["trees"]![0]!["value"]![0] = "NaN";

        Assert.Throws<InvalidDataException>(() => ModelArtifact.Read(json.ToJsonString()));
    }

    [Fact]
    public void Read_TreeNodeReachedTwice_Refused()
    {
        // Root's right child made to point back at the root: a walk would never end.
        var json = JsonNode.Parse(Trees.Value.ToJson())!;
        json["trees"]!["trees"]![0]!["right"]![0] = 0;

        var error = Assert.Throws<InvalidDataException>(() => ModelArtifact.Read(json.ToJsonString()));

        Assert.Contains("do not form a tree", error.Message);
    }

    private sealed class ScoreComparer : IEqualityComparer<ModelScore>
    {
        public bool Equals(ModelScore? x, ModelScore? y) =>
            x!.Probability == y!.Probability && x.Grade == y.Grade && x.ModelVersion == y.ModelVersion && x.Reasons.SequenceEqual(y.Reasons);

        public int GetHashCode(ModelScore obj) => obj.Probability.GetHashCode();
    }
}
