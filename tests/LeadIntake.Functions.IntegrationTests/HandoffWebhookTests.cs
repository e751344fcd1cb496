using System.Net;
using System.Net.Http.Json;
using LeadIntake.Application.Processing;
using LeadIntake.Application.Webhooks;
using LeadIntake.Storage;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The app with the hand-off webhook on, POSTing to a <see cref="WebhookReceiver"/> in the test process.</summary>
/// <remarks>
/// Retry base delay 1 s (the queue's smallest unit) and 4 attempts, so a failing receiver reaches the poison queue in
/// seconds. The URL's path holds a marker (<see cref="UrlSecretMarker"/>) that must never reach a log, as a Slack or
/// Teams URL's secret part must not.
/// </remarks>
public sealed class HandoffWebhookAppFixture : FunctionAppFixture
{
    /// <summary>The signature key the app and the receiver share.</summary>
    public const string WebhookSecret = "webhook-test-secret-0123456789";

    /// <summary>A part of the webhook URL's path standing for the secret part of a Slack or Teams URL.</summary>
    public const string UrlSecretMarker = "T0SECRETB0PATH";

    /// <summary>Attempts configured (<c>Handoff__WebhookMaxAttempts</c>).</summary>
    public const int MaxAttempts = 4;

    /// <summary>The host's <c>maxDequeueCount</c> (host.json): how often the last attempt is tried before the poison queue.</summary>
    public const int MaxDequeueCount = 5;

    private WebhookReceiver? _receiver;

    /// <summary>The receiver the app POSTs to.</summary>
    public WebhookReceiver Receiver => _receiver ?? throw new InvalidOperationException("Not initialised.");

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(WebhookSecret, $"/hooks/{UrlSecretMarker}/leadintake");
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_receiver is not null)
            await _receiver.DisposeAsync();
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new($"{HandoffWebhookOptions.SectionName}__WebhookUrl", Receiver.Url.ToString()),
        new($"{HandoffWebhookOptions.SectionName}__WebhookSecret", WebhookSecret),
        new($"{HandoffWebhookOptions.SectionName}__WebhookRetryBaseDelay", "00:00:01"),
        new($"{HandoffWebhookOptions.SectionName}__WebhookMaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new($"{HandoffWebhookOptions.SectionName}__WebhookTimeout", "00:00:05"),
    ];
}

/// <summary>Capture → ProcessLead → sales-handoff + handoff-webhook → DeliverHandoffWebhook → a signed POST, through the real worker.</summary>
public sealed class HandoffWebhookTests(HandoffWebhookAppFixture fixture) : IClassFixture<HandoffWebhookAppFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private WebhookReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task SqlLead_WebhookOn_OneSignedPostWhoseBodyIsTheSalesHandoffMessage()
    {
        var (leadId, salesHandoff) = await CaptureSqlLeadAsync("webhook");

        var post = await Eventually.GetAsync(() => Task.FromResult(Receiver.For(leadId).FirstOrDefault()), s_timeout, "the webhook POST");
        await WebhookQueueEmptyAsync();

        Assert.Equal(post, Assert.Single(Receiver.For(leadId)));
        var handoff = SalesHandoffMessage.Parse(salesHandoff);
        Assert.Equal("POST", post.Method);
        Assert.Equal($"/hooks/{HandoffWebhookAppFixture.UrlSecretMarker}/leadintake", post.PathAndQuery);
        Assert.Equal("application/json", post.ContentType);
        Assert.Equal("LeadIntake-HandoffWebhook/1", post.UserAgent);
        Assert.True(post.SignatureValid, $"signature '{post.Signature}' did not verify");
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", post.Signature);
        Assert.Equal(salesHandoff, post.Body);
        Assert.Equal(handoff.HandoffId, post.Delivery);
        Assert.Equal(SalesHandoffMessage.HandoffIdFor(leadId, handoff.CauseId), post.Delivery);
        await fixture.Host.WaitForOutputAsync($"hand-off {handoff.HandoffId}: webhook delivered to 127.0.0.1 on attempt 1 of {HandoffWebhookAppFixture.MaxAttempts} (HTTP 200)", s_timeout);
    }

    [Fact]
    public async Task SqlLead_ReceiverFailsTwice_DeliveredOnTheThirdAttemptAfterBackingOff()
    {
        var email = FunctionAppFixture.UniqueEmail("flaky");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        Receiver.Script(leadId + "_", [500, 500], then: 200);

        var (_, salesHandoff) = await CaptureSqlLeadAsync(email: email);

        var posts = await Eventually.GetAsync(() => Task.FromResult(Receiver.For(leadId) is { Count: >= 3 } all ? all : null), s_timeout, "three webhook POSTs");
        await WebhookQueueEmptyAsync();

        posts = Receiver.For(leadId);
        Assert.Equal([500, 500, 200], posts.Select(p => p.AnsweredStatus));
        Assert.All(posts, p => Assert.True(p.SignatureValid, $"signature '{p.Signature}' did not verify"));
        Assert.All(posts, p => Assert.Equal(salesHandoff, p.Body));
        Assert.Single(posts.Select(p => p.Delivery).Distinct());
        // The back-off: 1 s after the first failure, 2 s after the second (the queue's visibility delay; a lower bound).
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(0.9), $"second attempt {posts[1].At - posts[0].At} after the first");
        Assert.True(posts[2].At - posts[1].At >= TimeSpan.FromSeconds(1.9), $"third attempt {posts[2].At - posts[1].At} after the second");
        var handoffId = posts[0].Delivery;
        await fixture.Host.WaitForOutputAsync($"hand-off {handoffId}: webhook delivery to 127.0.0.1 failed on attempt 1 of 4 (HTTP 500); attempt 2 queued in 00:00:01", s_timeout);
        await fixture.Host.WaitForOutputAsync($"hand-off {handoffId}: webhook delivery to 127.0.0.1 failed on attempt 2 of 4 (HTTP 500); attempt 3 queued in 00:00:02", s_timeout);
        await fixture.Host.WaitForOutputAsync($"hand-off {handoffId}: webhook delivered to 127.0.0.1 on attempt 3 of 4 (HTTP 200)", s_timeout);
        Assert.Empty(await PoisonedAsync(handoffId!));
    }

    [Fact]
    public async Task SqlLead_ReceiverAlwaysFails_EndsInThePoisonQueueAndNothingElseBreaks()
    {
        var email = FunctionAppFixture.UniqueEmail("deadreceiver");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        Receiver.Script(leadId + "_", [], then: 503);

        var (_, salesHandoff) = await CaptureSqlLeadAsync(email: email);
        var handoffId = SalesHandoffMessage.Parse(salesHandoff).HandoffId;

        var poisoned = await Eventually.GetAsync(async () => (await PoisonedAsync(handoffId)).SingleOrDefault(), s_timeout, "the delivery on handoff-webhook-poison");
        await WebhookQueueEmptyAsync();

        // The last attempt as queued: body verbatim, attempt = max.
        Assert.Equal(new HandoffWebhookDelivery(HandoffWebhookDelivery.CurrentVersion, handoffId, HandoffWebhookAppFixture.MaxAttempts, salesHandoff), poisoned);
        // Attempts 1..3 re-queued by the use case; attempt 4 tried by the host maxDequeueCount times.
        var posts = Receiver.For(leadId);
        Assert.Equal(HandoffWebhookAppFixture.MaxAttempts - 1 + HandoffWebhookAppFixture.MaxDequeueCount, posts.Count);
        Assert.All(posts, p => Assert.True(p.SignatureValid));
        // Nothing else broke: the lead is an SQL with its outbox cleared, sales got its one message, the worker never restarted.
        var rows = await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId);
        Assert.Equal("SQL", Assert.Single(rows).Stage);
        Assert.Single((await fixture.Queue(StorageNames.SalesHandoffQueue).PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(leadId, StringComparison.Ordinal));
        Assert.DoesNotContain("Restarting the worker", fixture.Host.Output, StringComparison.Ordinal);
        await fixture.Host.WaitForOutputAsync($"was moved to {StorageNames.PoisonQueueFor(StorageNames.HandoffWebhookQueue)}", s_timeout);
        await fixture.Host.WaitForOutputAsync($"Hand-off {handoffId}: webhook delivery to 127.0.0.1 failed on the last attempt (4 of 4: HTTP 503)", s_timeout);
        // The logs name the host and the status, never the URL's path, the secret or the body.
        Assert.DoesNotContain(HandoffWebhookAppFixture.UrlSecretMarker, fixture.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(HandoffWebhookAppFixture.WebhookSecret, fixture.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(email, fixture.Host.Output, StringComparison.Ordinal);
    }

    private async Task<(string LeadId, string SalesHandoff)> CaptureSqlLeadAsync(string prefix = "webhook", string? email = null)
    {
        email ??= FunctionAppFixture.UniqueEmail(prefix);
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);
        // An SQL under any qualification rules: it scores 80 ≥ 70 under points-v1 (corporate +10, contact requested +30,
        // demo form +20, C-level +20) and asks to be contacted.
        var response = await fixture.Host.Client.PostAsJsonAsync("api/leads", new { email, contactRequested = true, formId = "demo", jobTitle = "Chief Executive Officer", company = "Contoso" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var salesHandoff = await Eventually.GetAsync(
            async () => (await fixture.Queue(StorageNames.SalesHandoffQueue).PeekMessagesAsync(32)).Value
                .FirstOrDefault(m => m.MessageText.Contains(leadId, StringComparison.Ordinal))?.MessageText,
            s_timeout, "the hand-off on sales-handoff");
        return (leadId, salesHandoff);
    }

    private async Task WebhookQueueEmptyAsync() => await Eventually.GetAsync(
        async () => (await fixture.Queue(StorageNames.HandoffWebhookQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "" : null,
        s_timeout, "an empty handoff-webhook queue");

    private async Task<List<HandoffWebhookDelivery>> PoisonedAsync(string handoffId) =>
        [.. (await fixture.Queue(StorageNames.PoisonQueueFor(StorageNames.HandoffWebhookQueue)).PeekMessagesAsync(32)).Value
            .Select(m => HandoffWebhookDelivery.Parse(m.MessageText)).Where(d => d.HandoffId == handoffId)];
}

/// <summary>With no <c>Handoff:WebhookUrl</c> (the default), a hand-off queues nothing for the webhook.</summary>
[Collection(PipelineCollection.Name)]
public sealed class HandoffWebhookOffTests(PipelineAppFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SqlLead_WebhookUrlUnset_SalesHandoffSentAndNothingOnHandoffWebhook()
    {
        var email = FunctionAppFixture.UniqueEmail("nowebhook");
        var leadId = FunctionAppFixture.Identity.LeadIdFor(email);

        var response = await fixture.Host.Client.PostAsJsonAsync("api/leads", new { email, contactRequested = true, formId = "demo", jobTitle = "Chief Executive Officer" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.GetAsync(
            async () => (await fixture.Queue(StorageNames.SalesHandoffQueue).PeekMessagesAsync(32)).Value.FirstOrDefault(m => m.MessageText.Contains(leadId, StringComparison.Ordinal)),
            s_timeout, "the hand-off on sales-handoff");
        // The hand-off is sent before its outbox row is cleared, and the webhook delivery would be queued in between.
        await Eventually.GetAsync(
            async () => (await fixture.RowsAsync<LeadEntity>(StorageNames.LeadsTable, leadId)).Count == 1 ? "" : null, s_timeout, "the outbox row cleared");
        // Both queues exist (created at start-up) and hold nothing.
        Assert.Equal(0, (await fixture.Queue(StorageNames.HandoffWebhookQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await fixture.Queue(StorageNames.PoisonQueueFor(StorageNames.HandoffWebhookQueue)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.DoesNotContain("webhook deliver", fixture.Host.Output, StringComparison.Ordinal);
        await fixture.DrainAsync(StorageNames.SalesHandoffQueue);
    }
}
