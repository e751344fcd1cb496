using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The deployable zip from <c>infra/publish.sh</c> has the layout the Functions host expects.</summary>
public sealed class PublishLayoutTests(PublishedZipFixture published) : IClassFixture<PublishedZipFixture>
{
    [Fact]
    public void Publish_Zip_HasHostJsonAndOneFolderPerFunctionAtTheRoot()
    {
        var entries = published.Zip.Entries.Select(entry => entry.FullName).ToHashSet();
        Assert.Contains("host.json", entries);
        var functions = FunctionNames.HttpFunctions.Keys.Concat(FunctionNames.QueueFunctions.Keys).ToList();
        var definitionFolders = entries.Where(e => e.EndsWith("/function.json", StringComparison.Ordinal)).Select(e => e.Split('/')[0]);
        Assert.Equal(functions.Order(), definitionFolders.Order());
        Assert.Equal(File.ReadAllText(RepositoryPaths.HostJson), published.ReadEntry("host.json"));
    }

    [Fact]
    public void Publish_Zip_HandlerIsWhereHostJsonPointsAndExecutable()
    {
        var handler = published.Zip.GetEntry(published.HandlerPath);
        Assert.NotNull(handler);
        var unixMode = (handler.ExternalAttributes >> 16) & 0x1FF;
        // 0x49 = --x--x--x: the host starts the handler directly, so every run bit must survive the zip.
        Assert.True((unixMode & 0x49) == 0x49, $"{published.HandlerPath} has mode {Convert.ToString(unixMode, 8)}");
        Assert.NotNull(published.Zip.GetEntry($"{Path.GetDirectoryName(published.HandlerPath)}/LeadIntake.Functions.dll"));
    }

    [Fact]
    public void Publish_Zip_HandlerIsSelfContainedForLinuxX64()
    {
        // Self-contained: the runtime travels with the handler, so the plan's image needs no matching .NET.
        var handlerDirectory = Path.GetDirectoryName(published.HandlerPath);
        Assert.NotNull(published.Zip.GetEntry($"{handlerDirectory}/libcoreclr.so"));
        Assert.NotNull(published.Zip.GetEntry($"{handlerDirectory}/appsettings.json"));
        Assert.DoesNotContain(published.Zip.Entries, entry => entry.FullName.EndsWith("local.settings.json", StringComparison.Ordinal));
    }
}
