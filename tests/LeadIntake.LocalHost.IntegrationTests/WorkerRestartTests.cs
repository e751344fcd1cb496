using System.Net;

namespace LeadIntake.LocalHost.IntegrationTests;

/// <summary>A worker that dies is restarted, and what it was running is failed and retried.</summary>
public sealed class WorkerRestartTests(TestWorkerHost fixture) : IClassFixture<TestWorkerHost>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly LocalFunctionsHost _host = fixture.Host;

    [Fact]
    public async Task Worker_Killed_Returns503ThenRestartsAndServesHttpAgain()
    {
        var killed = _host.KillWorker();
        // The restart waits at least 1 s (back-off), so this request finds no worker.
        using var during = await _host.Client.PostAsync("api/echo", new StringContent("during the crash"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), during.Headers.RetryAfter?.Delta);
        await fixture.WaitUntilAsync(() => _host.WorkerProcessId != killed, Timeout, "a new worker process");
        await _host.WaitUntilRunningAsync(Timeout);
        using var response = await _host.Client.PostAsync("api/echo", new StringContent("after the crash"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("after the crash", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task QueueRecorder_WorkerCrashesMidMessage_MessageIsRedeliveredAfterRestart()
    {
        var crashedWorker = _host.WorkerProcessId;

        await fixture.Queue.SendMessageAsync("crash-once");

        await fixture.WaitUntilAsync(() => fixture.DeliveriesOf("crash-once").Any(delivery => delivery.DequeueCount == 2), Timeout, "the redelivery of crash-once");
        Assert.Equal([1, 2], fixture.DeliveriesOf("crash-once").Select(delivery => delivery.DequeueCount));
        Assert.NotEqual(crashedWorker, _host.WorkerProcessId);
        await fixture.WaitUntilAsync(async () => (await fixture.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, Timeout, "crash-once deleted");
        Assert.Contains("Worker restarted: 6 functions loaded", _host.Output);
    }
}
