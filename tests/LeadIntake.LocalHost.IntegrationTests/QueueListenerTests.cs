namespace LeadIntake.LocalHost.IntegrationTests;

/// <summary>Queue triggers with the host's semantics: delete on success, retry, poison after maxDequeueCount (5).</summary>
public sealed class QueueListenerTests(TestWorkerHost fixture) : IClassFixture<TestWorkerHost>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task QueueRecorder_GoodMessage_DeliveredOnceAndDeleted()
    {
        var text = $"good-{Guid.NewGuid():N}";

        await fixture.Queue.SendMessageAsync(text);

        await fixture.WaitUntilAsync(() => fixture.DeliveriesOf(text).Count > 0, Timeout, $"delivery of {text}");
        await fixture.WaitUntilAsync(async () => (await fixture.Queue.PeekMessagesAsync(32)).Value.Length == 0
            && (await fixture.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, Timeout, "the queue is empty");
        var delivery = Assert.Single(fixture.DeliveriesOf(text));
        Assert.Equal(1, delivery.DequeueCount);
        Assert.False(string.IsNullOrEmpty(delivery.Id));
        Assert.DoesNotContain(text, await fixture.PoisonTextsAsync());
    }

    [Fact]
    public async Task QueueRecorder_FailingMessage_DeliveredFiveTimesThenPoisoned()
    {
        var failing = $"fail-{Guid.NewGuid():N}";
        var good = Enumerable.Range(0, 3).Select(i => $"good-{i}-{Guid.NewGuid():N}").ToList();

        await fixture.Queue.SendMessageAsync(failing);
        foreach (var text in good)
            await fixture.Queue.SendMessageAsync(text);

        await fixture.WaitUntilAsync(async () => (await fixture.PoisonTextsAsync()).Contains(failing), Timeout, $"{failing} in the poison queue");
        Assert.Equal([1, 2, 3, 4, 5], fixture.DeliveriesOf(failing).Select(delivery => delivery.DequeueCount).Order());
        Assert.Single(fixture.DeliveriesOf(failing).Select(delivery => delivery.Id).Distinct());
        await fixture.WaitUntilAsync(() => good.All(text => fixture.DeliveriesOf(text).Count > 0), Timeout, "every good message delivered");
        Assert.All(good, text => Assert.Equal(1, Assert.Single(fixture.DeliveriesOf(text)).DequeueCount));
        Assert.Equal([failing], await fixture.PoisonTextsAsync());
    }
}
