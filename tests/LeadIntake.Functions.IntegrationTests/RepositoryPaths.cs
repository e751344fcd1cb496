namespace LeadIntake.Functions.IntegrationTests;

/// <summary>Paths inside the repository, found by walking up to <c>LeadIntake.sln</c>.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The folder of function definitions (<c>functions/definitions</c>).</summary>
    public static string Definitions => Path.Combine(Root, "functions", "definitions");

    /// <summary>The root host.json.</summary>
    public static string HostJson => Path.Combine(Root, "host.json");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LeadIntake.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("LeadIntake.sln not found above " + AppContext.BaseDirectory);
    }
}
