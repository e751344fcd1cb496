using System.Text.Json;
using LeadIntake.Functions.Triggers;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Both encodings of the host's payload values are read alike.</summary>
public sealed class InvocationValueTests
{
    [Theory]
    [InlineData("\"{\\\"id\\\":42}\"", "{\"id\":42}")]                 // the docs' form: plain JSON string
    [InlineData("\"\\\"{\\\\\\\"id\\\\\\\":42}\\\"\"", "{\"id\":42}")]   // the host source's form: serialised twice
    [InlineData("\"\\\"abc\\\"\"", "abc")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("{\"id\":42}", "{\"id\":42}")]                         // a JSON message passed as an object
    public void AsText_PlainOrDoubleEncoded_ReturnsMessageText(string json, string expected)
    {
        Assert.Equal(expected, InvocationValue.AsText(Parse(json)));
    }

    [Theory]
    [InlineData("3", 3L)]
    [InlineData("\"3\"", 3L)]
    [InlineData("\"\\\"3\\\"\"", 3L)]
    [InlineData("\"x\"", null)]
    public void AsInt64_NumberOrString_Parses(string json, long? expected)
    {
        Assert.Equal(expected, InvocationValue.AsInt64(Parse(json)));
    }

    [Fact]
    public void AsText_Number_Throws()
    {
        Assert.Throws<FormatException>(() => InvocationValue.AsText(Parse("1")));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
