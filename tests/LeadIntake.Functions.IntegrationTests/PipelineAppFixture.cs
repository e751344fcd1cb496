namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The app as <c>./run.sh</c> runs it: capture plus the local queue listener.</summary>
public sealed class PipelineAppFixture() : AppFixture(localQueueListener: true);
