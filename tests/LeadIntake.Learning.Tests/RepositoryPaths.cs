namespace LeadIntake.Learning.Tests;

/// <summary>Finds the repository root (the folder holding LeadIntake.sln) and the shared datasets beside it.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LeadIntake.sln")))
                    return dir.FullName;
            }

            throw new InvalidOperationException($"No LeadIntake.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string TestData(string file) => Path.Combine(Root, "tests", "TestData", file);

    /// <summary>The shared datasets folder (../shared/datasets from the repository root); fails clearly if absent.</summary>
    public static string Dataset(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets", relativePath));
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Evaluation data set missing: {path}. The shared datasets must sit beside the repository (../shared/datasets); this test cannot pass without them.", path);
        return path;
    }
}
