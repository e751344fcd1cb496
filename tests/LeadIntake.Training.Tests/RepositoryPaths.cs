namespace LeadIntake.Training.Tests;

/// <summary>Paths inside the repository, found by walking up from the test assembly to <c>LeadIntake.sln</c>.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The retraining notebook.</summary>
    public static string Notebook => Path.Combine(Root, "model-training", "retrain.ipynb");

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
