using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Pipeline;
using LeadIntake.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>A points model file named in settings replaces the built-in model.</summary>
public sealed class ScoringConfigurationTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly string _modelPath = Path.Combine(Path.GetTempPath(), $"points-{Guid.NewGuid():N}.json");
    private LeadIntakeAppFactory? _factory;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        await File.WriteAllTextAsync(_modelPath, """
            {
              "version": "points-test-7",
              "baseline": 0,
              "thresholds": { "mql": 20, "sql": 90 },
              "grades": { "A": 70, "B": 45, "C": 25 },
              "rules": [ { "feature": "email_class", "equals": "corporate", "points": 33 } ]
            }
            """);
        _factory = new LeadIntakeAppFactory(_azurite.ConnectionString, localQueueListener: false,
            new Dictionary<string, string?> { [$"{ScoringOptions.SectionName}:PointsModelPath"] = _modelPath });
        await _factory.WaitForStorageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        await _azurite.DisposeAsync();
        File.Delete(_modelPath);
    }

    [Fact]
    public async Task RunAsync_PointsModelFileConfigured_ScoresAndStagesWithIt()
    {
        var step = _factory!.Services.GetRequiredService<ProcessLeadStep>();

        var result = await step.RunAsync(TestSubmissions.Message(TestSubmissions.UniqueEmail()));

        Assert.Equal(33, result.Score);     // the file's only rule: corporate +33 (the built-in model gives 10)
        Assert.Equal("MQL", result.Stage);  // 33 >= the file's MQL threshold 20 (built-in: 40)
    }
}
