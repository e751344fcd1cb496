using Microsoft.Extensions.Configuration;

namespace LeadIntake.Storage;

/// <summary>Chooses the storage account for the command-line tools (training CLI, demo history) the way the function app does (see <see cref="StorageAccount"/>).</summary>
public static class StorageConnection
{
    /// <summary>Azurite on its default ports, used when nothing else is configured.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>
    /// The configuration holding the <see cref="StorageNames.Connection"/> settings: <paramref name="explicitConnectionString"/> when
    /// given; else the <c>AzureWebJobsStorage</c> environment settings (a connection string, or <c>AzureWebJobsStorage__blobServiceUri</c>
    /// … for identity-based access); else Azurite.
    /// </summary>
    public static IConfiguration Configuration(string? explicitConnectionString)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var section = configuration.GetSection(StorageNames.Connection);
        if (string.IsNullOrWhiteSpace(explicitConnectionString) && (!string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any()))
            return configuration;
        return new ConfigurationBuilder()
            .AddInMemoryCollection([new(StorageNames.Connection, string.IsNullOrWhiteSpace(explicitConnectionString) ? DevelopmentStorage : explicitConnectionString)])
            .Build();
    }

    /// <summary>The account of <see cref="Configuration"/>, checked: a malformed connection string fails here, before any work.</summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="InvalidOperationException">The identity-based settings are incomplete.</exception>
    public static StorageAccount Resolve(string? explicitConnectionString)
    {
        var account = StorageAccount.FromConfiguration(Configuration(explicitConnectionString));
        _ = account.CreateBlobServiceClient();
        return account;
    }
}
