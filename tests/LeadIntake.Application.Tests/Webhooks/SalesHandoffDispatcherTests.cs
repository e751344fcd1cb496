using LeadIntake.Application.Webhooks;

namespace LeadIntake.Application.Tests.Webhooks;

/// <summary>Where a hand-off goes: sales-handoff first, then the webhook queue only when the webhook is on.</summary>
public sealed class SalesHandoffDispatcherTests
{
    private readonly CallLog _log = new();

    private (SalesHandoffDispatcher Dispatcher, FakeSalesHandoffQueue Sales, FakeHandoffWebhookQueue Webhooks) Create(string? webhookUrl)
    {
        var sales = new FakeSalesHandoffQueue(_log);
        var webhooks = new FakeHandoffWebhookQueue(_log);
        var options = new HandoffWebhookOptions { WebhookUrl = webhookUrl, WebhookSecret = "test-webhook-secret-0123" };
        return (new SalesHandoffDispatcher(sales, webhooks, options), sales, webhooks);
    }

    [Fact]
    public async Task SendAsync_WebhookOn_SalesHandoffFirstThenTheFirstDeliveryAtOnce()
    {
        var (dispatcher, sales, webhooks) = Create("https://crm.example.com/hooks/leadintake");
        var handoff = Handoffs.Sample();

        await dispatcher.SendAsync(handoff, CancellationToken.None);

        Assert.Equal([$"sales-handoff {handoff.HandoffId}", $"handoff-webhook {handoff.HandoffId} attempt 1"], _log.Calls);
        Assert.Equal(handoff, Assert.Single(sales.Sent));
        var (delivery, delay) = Assert.Single(webhooks.Sent);
        Assert.Equal(HandoffWebhookDelivery.For(handoff), delivery);
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SendAsync_WebhookOff_SalesHandoffOnly(string? webhookUrl)
    {
        var (dispatcher, sales, webhooks) = Create(webhookUrl);

        await dispatcher.SendAsync(Handoffs.Sample(), CancellationToken.None);

        Assert.Single(sales.Sent);
        Assert.Empty(webhooks.Sent);
    }

    [Fact]
    public async Task SendAsync_SalesHandoffFails_NothingQueuedForTheWebhook()
    {
        var (dispatcher, sales, webhooks) = Create("https://crm.example.com/hooks/leadintake");
        sales.Failure = new InvalidOperationException("queue down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.SendAsync(Handoffs.Sample(), CancellationToken.None));

        Assert.Empty(webhooks.Sent);
    }

    [Fact]
    public async Task SendAsync_WebhookQueueFails_Throws()
    {
        // The caller keeps the hand-off in the outbox and sends both again: nothing is lost, sales-handoff may repeat.
        var (dispatcher, sales, webhooks) = Create("https://crm.example.com/hooks/leadintake");
        webhooks.Failure = new InvalidOperationException("queue down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.SendAsync(Handoffs.Sample(), CancellationToken.None));

        Assert.Single(sales.Sent);
    }
}
