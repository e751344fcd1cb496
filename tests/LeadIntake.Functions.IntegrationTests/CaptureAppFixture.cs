namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The app with its local queue listener off, so captured messages stay on the queue for inspection.</summary>
public sealed class CaptureAppFixture() : AppFixture(localQueueListener: false);
