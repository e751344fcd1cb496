using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The local listener reads the host's queue settings from host.json.</summary>
public sealed class QueueTriggerSettingsTests
{
    [Fact]
    public void Parse_RepositoryHostJson_ReadsQueueSettings()
    {
        var settings = QueueTriggerSettings.Parse(File.ReadAllText(RepositoryPaths.HostJson));

        Assert.Equal(5, settings.MaxDequeueCount);       // host.json extensions.queues.maxDequeueCount
        Assert.Equal(16, settings.BatchSize);            // host.json extensions.queues.batchSize
        Assert.Equal(8, settings.NewBatchThreshold);     // the extension's default: batchSize / 2
        Assert.Equal(TimeSpan.FromSeconds(1), settings.VisibilityTimeout);
    }

    [Fact]
    public void Parse_NoQueuesSection_UsesExtensionDefaults()
    {
        var settings = QueueTriggerSettings.Parse("""{ "version": "2.0" }""");

        Assert.Equal(QueueTriggerSettings.Default, settings);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "maxDequeueCount": 0 } } }""")]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 33 } } }""")]
    [InlineData("""{ "extensions": { "queues": { "maxPollingInterval": "00:00:00.050" } } }""")]
    public void Parse_OutOfRange_Throws(string hostJson)
    {
        Assert.Throws<InvalidOperationException>(() => QueueTriggerSettings.Parse(hostJson));
    }

    [Fact]
    public void Load_BuildOutput_FindsCopiedHostJson()
    {
        var settings = QueueTriggerSettings.Load(AppContext.BaseDirectory);

        Assert.Equal(TimeSpan.FromSeconds(1), settings.VisibilityTimeout); // differs from the default 0: proves the file was read
    }
}
