namespace LeadIntake.Testing;

/// <summary>Paths inside the repository and the shared data sets beside it, found by walking up to <c>LeadIntake.sln</c>.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root (the folder holding <c>LeadIntake.sln</c>).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The root host.json.</summary>
    public static string HostJson => Path.Combine(Root, "host.json");

    /// <summary>The folder of function definitions (<c>functions/definitions</c>).</summary>
    public static string Definitions => Path.Combine(Root, "functions", "definitions");

    /// <summary>The retraining notebook.</summary>
    public static string Notebook => Path.Combine(Root, "model-training", "retrain.ipynb");

    /// <summary>A file of <c>tests/TestData</c>.</summary>
    public static string TestData(string file) => Path.Combine(Root, "tests", "TestData", file);

    /// <summary>A file of the shared evaluation data sets (<c>../shared/datasets</c> from the root).</summary>
    /// <exception cref="FileNotFoundException">The data sets are not beside the repository: a test using them cannot pass.</exception>
    public static string Dataset(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets", relativePath));
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Evaluation data set missing: {path}. The shared datasets must sit beside the repository (../shared/datasets).", path);
        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LeadIntake.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No LeadIntake.sln above {AppContext.BaseDirectory}.");
    }
}
