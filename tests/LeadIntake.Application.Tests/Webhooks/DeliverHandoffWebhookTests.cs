using LeadIntake.Application.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace LeadIntake.Application.Tests.Webhooks;

/// <summary>One delivery attempt: the signed request, delivered on 2xx, re-queued with back-off, thrown on the last attempt.</summary>
public sealed class DeliverHandoffWebhookTests
{
    private const string Secret = "test-webhook-secret-0123";
    private const string Url = "https://crm.example.com/hooks/T0SECRETPATH/leadintake?token=alsosecret";

    private readonly CallLog _log = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeWebhookSender _sender = new();
    private readonly FakeHandoffWebhookQueue _queue;

    public DeliverHandoffWebhookTests()
    {
        _queue = new FakeHandoffWebhookQueue(_log);
    }

    private static HandoffWebhookOptions Options(int maxAttempts = 8, double baseDelaySeconds = 10) => new()
    {
        WebhookUrl = Url,
        WebhookSecret = Secret,
        WebhookMaxAttempts = maxAttempts,
        WebhookRetryBaseDelay = TimeSpan.FromSeconds(baseDelaySeconds),
    };

    private DeliverHandoffWebhook Create(HandoffWebhookOptions? options = null) => new(options ?? Options(), _sender, _queue, _clock);

    [Fact]
    public async Task RunAsync_ReceiverAnswers204_DeliveredWithASignedRequestAndNothingQueued()
    {
        var delivery = HandoffWebhookDelivery.For(Handoffs.Sample());
        _sender.Answering(HandoffWebhookResponse.Answered(204));

        var result = await Create().RunAsync(delivery, CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.Null(result.NextAttemptIn);
        var request = Assert.Single(_sender.Requests);
        Assert.Equal(new Uri(Url), request.Url);
        Assert.Equal(delivery.Body, request.Body);
        Assert.Equal([HandoffWebhookSigner.DeliveryHeader, HandoffWebhookSigner.SignatureHeader], request.Headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(delivery.HandoffId, request.Headers[HandoffWebhookSigner.DeliveryHeader]);
        Assert.Equal(new HandoffWebhookSigner(Secret).Sign(delivery.Body, _clock.GetUtcNow()), request.Headers[HandoffWebhookSigner.SignatureHeader]);
        Assert.True(new HandoffWebhookSigner(Secret).Verify(request.Headers[HandoffWebhookSigner.SignatureHeader], delivery.Body, _clock.GetUtcNow()));
        Assert.Empty(_queue.Sent);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(299)]
    public async Task RunAsync_Any2xx_Delivered(int status)
    {
        _sender.Answering(HandoffWebhookResponse.Answered(status));

        Assert.True((await Create().RunAsync(HandoffWebhookDelivery.For(Handoffs.Sample()), CancellationToken.None)).Delivered);
        Assert.Empty(_queue.Sent);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(404)]
    [InlineData(302)]   // redirects are not followed: a failure
    [InlineData(199)]
    public async Task RunAsync_Non2xxBeforeTheLastAttempt_RequeuesTheNextAttemptAfterTheBaseDelay(int status)
    {
        var delivery = HandoffWebhookDelivery.For(Handoffs.Sample());
        _sender.Answering(HandoffWebhookResponse.Answered(status));

        var result = await Create().RunAsync(delivery, CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal(TimeSpan.FromSeconds(10), result.NextAttemptIn);
        var (next, delay) = Assert.Single(_queue.Sent);
        Assert.Equal(delivery with { Attempt = 2 }, next);
        Assert.Equal(TimeSpan.FromSeconds(10), delay);
    }

    [Fact]
    public async Task RunAsync_NoAnswer_RequeuedLikeAFailedStatus()
    {
        _sender.Answering(HandoffWebhookResponse.NoAnswer("timed out after 10 s"));

        var result = await Create().RunAsync(HandoffWebhookDelivery.For(Handoffs.Sample()), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.Equal(2, Assert.Single(_queue.Sent).Delivery.Attempt);
    }

    [Fact]
    public async Task RunAsync_FailedAttempts_EachSignedAtItsOwnTime()
    {
        var deliver = Create();
        var first = HandoffWebhookDelivery.For(Handoffs.Sample());
        _sender.Answering(HandoffWebhookResponse.Answered(500));

        await deliver.RunAsync(first, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(20));
        await deliver.RunAsync(_queue.Sent[0].Delivery, CancellationToken.None);

        var signatures = _sender.Requests.Select(r => r.Headers[HandoffWebhookSigner.SignatureHeader]).ToList();
        Assert.StartsWith($"t={_clock.GetUtcNow().AddMinutes(-20).ToUnixTimeSeconds()},v1=", signatures[0], StringComparison.Ordinal);
        Assert.StartsWith($"t={_clock.GetUtcNow().ToUnixTimeSeconds()},v1=", signatures[1], StringComparison.Ordinal);
        Assert.True(new HandoffWebhookSigner(Secret).Verify(signatures[1], first.Body, _clock.GetUtcNow()));
    }

    [Fact]
    public async Task RunAsync_LastAttemptFails_ThrowsNamingHostAndStatusButNotTheUrlAndQueuesNothing()
    {
        var delivery = new HandoffWebhookDelivery(1, "ld_test_sub1", 8, Handoffs.Sample().ToJson());
        _sender.Answering(HandoffWebhookResponse.Answered(503));

        var error = await Assert.ThrowsAsync<HandoffWebhookFailedException>(() => Create().RunAsync(delivery, CancellationToken.None));

        Assert.Equal("ld_test_sub1", error.HandoffId);
        Assert.Equal(503, error.Response.StatusCode);
        Assert.Contains("crm.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("8 of 8", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("T0SECRETPATH", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alsosecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@contoso.com", error.Message, StringComparison.Ordinal);
        Assert.Empty(_queue.Sent);
    }

    [Fact]
    public async Task RunAsync_AttemptBeyondALoweredMaximum_TreatedAsTheLast()
    {
        var delivery = new HandoffWebhookDelivery(1, "ld_test_sub1", 6, Handoffs.Sample().ToJson());
        _sender.Answering(HandoffWebhookResponse.Answered(500));

        await Assert.ThrowsAsync<HandoffWebhookFailedException>(() => Create(Options(maxAttempts: 3)).RunAsync(delivery, CancellationToken.None));
        Assert.Empty(_queue.Sent);
    }

    [Fact]
    public async Task RunAsync_OneAttemptConfigured_FirstFailureThrows()
    {
        _sender.Answering(HandoffWebhookResponse.Answered(500));

        await Assert.ThrowsAsync<HandoffWebhookFailedException>(
            () => Create(Options(maxAttempts: 1)).RunAsync(HandoffWebhookDelivery.For(Handoffs.Sample()), CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_Result_NamesHostAndStatusButNotTheUrl()
    {
        _sender.Answering(HandoffWebhookResponse.Answered(500));

        var line = (await Create().RunAsync(HandoffWebhookDelivery.For(Handoffs.Sample()), CancellationToken.None)).ToString();

        Assert.Equal("hand-off ld_test_sub1: webhook delivery to crm.example.com failed on attempt 1 of 8 (HTTP 500); attempt 2 queued in 00:00:10", line);
    }

    [Fact]
    public async Task RunAsync_WebhookOff_ThrowsSoTheMessageIsKeptInThePoisonQueue()
    {
        var deliver = new DeliverHandoffWebhook(new HandoffWebhookOptions(), _sender, _queue, _clock);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => deliver.RunAsync(HandoffWebhookDelivery.For(Handoffs.Sample()), CancellationToken.None));

        Assert.Contains("Handoff:WebhookUrl", error.Message, StringComparison.Ordinal);
        Assert.Empty(_sender.Requests);
    }

    [Theory]
    // base 10 s doubling: 10, 20, 40, 80, 160, 320, then 640 capped at 600 (10 minutes), and capped from there on.
    [InlineData(10, 1, 10)]
    [InlineData(10, 2, 20)]
    [InlineData(10, 3, 40)]
    [InlineData(10, 6, 320)]
    [InlineData(10, 7, 600)]
    [InlineData(10, 8, 600)]
    [InlineData(10, 50, 600)]
    [InlineData(0.5, 1, 0.5)]
    [InlineData(0.5, 4, 4)]
    [InlineData(0, 5, 0)]          // no back-off at all
    [InlineData(600, 1, 600)]      // the largest base: the cap at once
    [InlineData(0.001, 50, 600)]   // 1 ms doubled 49 times would be far past the cap: no overflow
    public void RetryDelay_BaseTimesTwoToTheAttemptMinusOne_AtMostTenMinutes(double baseSeconds, int attempt, double expectedSeconds)
    {
        var deliver = Create(Options(baseDelaySeconds: baseSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), deliver.RetryDelay(attempt));
    }

    [Fact]
    public void RetryDelay_DefaultOptions_TotalWaitBeforeTheEighthAttemptIs1230Seconds()
    {
        // 10 + 20 + 40 + 80 + 160 + 320 + 600 = 1230 s, about 20.5 minutes (the doc comment's figure).
        var deliver = new DeliverHandoffWebhook(new HandoffWebhookOptions { WebhookUrl = Url, WebhookSecret = Secret }, _sender, _queue, _clock);

        Assert.Equal(TimeSpan.FromSeconds(1230), TimeSpan.FromTicks(Enumerable.Range(1, 7).Sum(attempt => deliver.RetryDelay(attempt).Ticks)));
    }
}
