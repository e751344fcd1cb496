using System.Diagnostics;
using System.IO.Compression;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Runs <c>infra/publish.sh</c> once and opens the zip it produced.</summary>
public sealed class PublishedZipFixture : IAsyncLifetime
{
    private readonly string _zipPath = Path.Combine(Path.GetTempPath(), $"leadintake-publish-{Guid.NewGuid():N}.zip");

    /// <summary>The deployable zip.</summary>
    public ZipArchive Zip { get; private set; } = null!;


    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "infra", "publish.sh"));
        start.ArgumentList.Add(_zipPath);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"infra/publish.sh failed ({process.ExitCode}): {await stderr}");

        Zip = ZipFile.OpenRead(_zipPath);
    }

    public Task DisposeAsync()
    {
        Zip?.Dispose();
        File.Delete(_zipPath);
        return Task.CompletedTask;
    }

    /// <summary>The text of the entry <paramref name="name"/>.</summary>
    public string ReadEntry(string name)
    {
        using var reader = new StreamReader(Zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
