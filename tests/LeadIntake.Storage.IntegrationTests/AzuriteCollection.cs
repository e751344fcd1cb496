using LeadIntake.Testing;
using Xunit;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>All Azurite tests of this assembly share one private Azurite; each test uses its own table, queue or container.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection name for <c>[Collection]</c>.</summary>
    public const string Name = "Azurite";
}
