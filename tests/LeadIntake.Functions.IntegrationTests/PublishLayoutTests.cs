using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The deployable zip from <c>infra/publish.sh</c> has the layout the Functions host expects.</summary>
public sealed class PublishLayoutTests(PublishedZipFixture published) : IClassFixture<PublishedZipFixture>
{
    [Fact]
    public void Publish_Zip_HasWhatTheFunctionsHostReadsAtTheRoot()
    {
        var entries = published.Zip.Entries.Select(entry => entry.FullName).ToHashSet();

        Assert.Contains("host.json", entries);
        Assert.Contains("functions.metadata", entries);
        Assert.Contains("worker.config.json", entries);
        Assert.Contains("extensions.json", entries);
        Assert.Contains("LeadIntake.Functions.dll", entries);
        Assert.Contains(entries, e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllText(RepositoryPaths.HostJson), published.ReadEntry("host.json"));
    }

    [Fact]
    public void Publish_Zip_WorkerConfigLaunchesTheAppDll()
    {
        using var config = System.Text.Json.JsonDocument.Parse(published.ReadEntry("worker.config.json"));
        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("LeadIntake.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
    }

    [Fact]
    public void Publish_Zip_NoDevelopmentHostNoLocalSettingsNoTrainingCode()
    {
        Assert.DoesNotContain(published.Zip.Entries, entry => entry.Name.StartsWith("LeadIntake.LocalHost", StringComparison.Ordinal));
        Assert.DoesNotContain(published.Zip.Entries, entry => entry.Name == "local.settings.json");
        Assert.DoesNotContain(published.Zip.Entries, entry => entry.Name.StartsWith("LeadIntake.Training", StringComparison.Ordinal));
        Assert.DoesNotContain(published.Zip.Entries, entry => entry.Name.StartsWith("LeadIntake.DemoHistory", StringComparison.Ordinal));
        Assert.DoesNotContain(published.Zip.Entries, entry => entry.Name.StartsWith("Grpc.AspNetCore", StringComparison.Ordinal));
    }
}
