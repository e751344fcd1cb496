namespace LeadIntake.Training;

/// <summary>Chooses the storage connection string the way the function app does.</summary>
public static class StorageConnection
{
    /// <summary>The app setting the Functions host reads its storage account from.</summary>
    public const string EnvironmentVariable = "AzureWebJobsStorage";

    /// <summary>Azurite on its default ports, used when nothing else is configured.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Returns <paramref name="explicitConnectionString"/>, else <c>AzureWebJobsStorage</c>, else Azurite.</summary>
    public static string Resolve(string? explicitConnectionString) =>
        !string.IsNullOrWhiteSpace(explicitConnectionString) ? explicitConnectionString
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DevelopmentStorage;
}
