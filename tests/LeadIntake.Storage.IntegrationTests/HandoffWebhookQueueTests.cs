using LeadIntake.Application.Activities;
using LeadIntake.Application.Policy;
using Azure;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Scoring;
using LeadIntake.Application.Webhooks;
using LeadIntake.Storage.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace LeadIntake.Storage.IntegrationTests;

/// <summary>ProcessLead and the sweep behind <see cref="SalesHandoffDispatcher"/> on the real queues: sales-handoff first, then handoff-webhook; a failed webhook enqueue keeps the outbox row.</summary>
public sealed class HandoffWebhookQueueTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly HandoffWebhookOptions s_webhookOn = new() { WebhookUrl = "https://crm.example.com/hooks/leadintake", WebhookSecret = "webhook-test-secret-0123" };

    private SalesHandoffDispatcher Dispatcher => new(
        fixture.Services.GetRequiredService<SalesHandoffQueue>(), fixture.Services.GetRequiredService<IHandoffWebhookQueue>(), s_webhookOn);

    private HandoffSender Sender => new(fixture.Services.GetRequiredService<ILeadStore>(), Dispatcher);

    private ProcessLead Process(TimeProvider? time = null) => new(
        fixture.Services.GetRequiredService<ILeadStore>(), fixture.Services.GetRequiredService<ILeadActivityStore>(), Sender,
        fixture.Services.GetRequiredService<IScorerProvider>(), fixture.Services.GetRequiredService<IQualificationPolicyProvider>(), time ?? TimeProvider.System);

    [Fact]
    public async Task RunAsync_HotLeadWebhookOn_SalesHandoffAndItsDeliveryCarryingTheSameJson()
    {
        var email = StorageFixture.UniqueEmail("hotwebhook");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email, ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "Chief Executive Officer"));

        var result = await Process().RunAsync(submission, CancellationToken.None);

        Assert.Equal("SQL", result.Stage);
        var salesHandoff = Assert.Single(await fixture.DrainAsync(StorageNames.SalesHandoffQueue));
        var delivery = HandoffWebhookDelivery.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.HandoffWebhookQueue)));
        Assert.Equal(new HandoffWebhookDelivery(1, SalesHandoffMessage.HandoffIdFor(leadId, submission.SubmissionId), 1, salesHandoff), delivery);
        Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)); // the outbox row is cleared
    }

    [Fact]
    public async Task RunAsync_WebhookQueueMissing_OutboxKeptAndTheRetrySendsBoth()
    {
        var email = StorageFixture.UniqueEmail("webhookdown");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email, ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "CEO"));
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
        var webhookQueue = fixture.Queue(StorageNames.HandoffWebhookQueue);
        await webhookQueue.DeleteIfExistsAsync();

        // sales-handoff accepts the message, then queueing the webhook delivery fails: the outbox row must stay.
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Process().RunAsync(submission, CancellationToken.None));
        Assert.Equal(404, failure.Status);
        Assert.Single(await fixture.DrainAsync(StorageNames.SalesHandoffQueue));
        Assert.Equal(2, (await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).Count);

        await webhookQueue.CreateAsync();
        var retry = await Process().RunAsync(submission, CancellationToken.None);

        Assert.True(retry.AlreadyProcessed);
        Assert.Equal(1, retry.HandoffsSent);
        var repeated = SalesHandoffMessage.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.SalesHandoffQueue)));
        var delivery = HandoffWebhookDelivery.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.HandoffWebhookQueue)));
        Assert.Equal(repeated.HandoffId, delivery.HandoffId); // receivers drop the repeat by this id
        Assert.Equal(LeadEntity.ProfileRowKey, Assert.Single(await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).RowKey);
    }

    [Fact]
    public async Task Sweep_HandoffLeftInTheOutbox_QueuesItsDeliveryToo()
    {
        var email = StorageFixture.UniqueEmail("sweepwebhook");
        var leadId = StorageFixture.Identity.LeadIdFor(email);
        var submission = StorageFixture.Submission(email, ("contactRequested", "true"), ("formId", "demo"), ("jobTitle", "CEO"));
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
        var salesQueue = fixture.Queue(StorageNames.SalesHandoffQueue);
        await salesQueue.DeleteAsync();
        await Assert.ThrowsAsync<RequestFailedException>(() => Process().RunAsync(submission, CancellationToken.None));
        await salesQueue.CreateAsync();
        Assert.Empty(await fixture.DrainAsync(StorageNames.HandoffWebhookQueue)); // sales-handoff first: nothing queued for the webhook yet

        var sent = await new SweepSalesHandoffs(fixture.Services.GetRequiredService<ILeadStore>(), Sender, new Later(SweepSalesHandoffs.MinimumAge + TimeSpan.FromMinutes(1)))
            .RunAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        var handoffId = SalesHandoffMessage.HandoffIdFor(leadId, submission.SubmissionId);
        Assert.Equal(handoffId, SalesHandoffMessage.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.SalesHandoffQueue))).HandoffId);
        Assert.Equal(handoffId, HandoffWebhookDelivery.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.HandoffWebhookQueue))).HandoffId);
    }

    [Fact]
    public async Task SendAsync_Delay_MessageInvisibleUntilTheDelayRoundedUpToWholeSeconds()
    {
        var queue = fixture.Queue(StorageNames.HandoffWebhookQueue);
        await fixture.DrainAsync(StorageNames.HandoffWebhookQueue);
        var delivery = new HandoffWebhookDelivery(1, $"ld_delay_{Guid.NewGuid():N}", 2, """{"x":1}""");
        var sentAt = DateTimeOffset.UtcNow;

        await fixture.Services.GetRequiredService<IHandoffWebhookQueue>().SendAsync(delivery, TimeSpan.FromSeconds(1.1), CancellationToken.None);

        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        // 1.1 s is sent as 2 s: still invisible at 1.4 s (the SDK's truncation to 1 s would show it by now).
        if (sentAt + TimeSpan.FromSeconds(1.4) - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
            await Task.Delay(wait);
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while ((await queue.PeekMessagesAsync(32)).Value.Length == 0 && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(delivery, HandoffWebhookDelivery.Parse(Assert.Single(await fixture.DrainAsync(StorageNames.HandoffWebhookQueue))));
    }

    private sealed class Later(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }
}
