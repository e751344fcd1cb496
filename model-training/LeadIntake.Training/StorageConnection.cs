using LeadIntake.Storage;
using Microsoft.Extensions.Configuration;

namespace LeadIntake.Training;

/// <summary>Chooses the storage account the way the function app does (see <see cref="StorageAccount"/>).</summary>
public static class StorageConnection
{
    /// <summary>Azurite on its default ports, used when nothing else is configured.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>
    /// <paramref name="explicitConnectionString"/> when given; else the <c>AzureWebJobsStorage</c> environment settings
    /// (a connection string, or <c>AzureWebJobsStorage__blobServiceUri</c> … for identity-based access); else Azurite.
    /// </summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="InvalidOperationException">The identity-based settings are incomplete.</exception>
    public static StorageAccount Resolve(string? explicitConnectionString)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var section = configuration.GetSection(StorageNames.Connection);
        if (!string.IsNullOrWhiteSpace(explicitConnectionString) || (string.IsNullOrWhiteSpace(section.Value) && !section.GetChildren().Any()))
        {
            configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new(StorageNames.Connection, string.IsNullOrWhiteSpace(explicitConnectionString) ? DevelopmentStorage : explicitConnectionString)])
                .Build();
        }

        var account = StorageAccount.FromConfiguration(configuration);
        _ = account.CreateBlobServiceClient(); // a malformed connection string fails here, before any work
        return account;
    }
}
