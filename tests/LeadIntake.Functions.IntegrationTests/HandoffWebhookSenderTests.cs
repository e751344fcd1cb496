using System.Collections.Concurrent;
using LeadIntake.Application.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>The webhook's HttpClient as <c>AddLeadIntake</c> registers it, against a loopback receiver: headers, timeout, refused connection, redirects, logs.</summary>
public sealed class HandoffWebhookSenderTests : IAsyncLifetime
{
    private const string Secret = "webhook-test-secret-0123456789";
    private const string UrlSecretMarker = "T0SECRETB0PATH";

    private readonly ConcurrentQueue<string> _logs = new();
    private WebhookReceiver _receiver = null!;
    private ServiceProvider _services = null!;

    private IHandoffWebhookSender Sender => _services.GetRequiredService<IHandoffWebhookSender>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(Secret, $"/hooks/{UrlSecretMarker}/leadintake");
        _services = HandoffWebhookOptionsTests.Services(
            new()
            {
                [$"{HandoffWebhookOptions.SectionName}:WebhookUrl"] = _receiver.Url.ToString(),
                [$"{HandoffWebhookOptions.SectionName}:WebhookSecret"] = Secret,
                [$"{HandoffWebhookOptions.SectionName}:WebhookTimeout"] = "00:00:02",
            },
            services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(_logs))));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private HandoffWebhookRequest Request(string delivery, Uri? url = null) => new(
        url ?? _receiver.Url, """{"handoffId":"x","company":"Zürich AG"}""",
        new Dictionary<string, string>
        {
            [HandoffWebhookSigner.SignatureHeader] = new HandoffWebhookSigner(Secret).Sign("""{"handoffId":"x","company":"Zürich AG"}""", DateTimeOffset.UtcNow),
            [HandoffWebhookSigner.DeliveryHeader] = delivery,
        });

    [Fact]
    public async Task PostAsync_ReceiverAnswers_StatusAndTheExactRequest()
    {
        _receiver.Script("ok_", [], then: 202);

        var response = await Sender.PostAsync(Request("ok_1"), CancellationToken.None);

        Assert.Equal(HandoffWebhookResponse.Answered(202), response);
        var received = Assert.Single(_receiver.Received);
        Assert.Equal("POST", received.Method);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("""{"handoffId":"x","company":"Zürich AG"}""", received.Body);
        Assert.Equal("ok_1", received.Delivery);
        Assert.True(received.SignatureValid);
    }

    [Fact]
    public async Task PostAsync_ReceiverHangs_NoAnswerAfterTheTimeout()
    {
        _receiver.Script("hang_", [], then: WebhookReceiver.Hang);

        var response = await Sender.PostAsync(Request("hang_1"), CancellationToken.None);

        Assert.Equal(HandoffWebhookResponse.NoAnswer("timed out after 2 s"), response);
    }

    [Fact]
    public async Task PostAsync_NobodyListening_NoAnswerConnectionError()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}/hooks/{UrlSecretMarker}/leadintake");

        var response = await Sender.PostAsync(Request("refused_1", closed), CancellationToken.None);

        Assert.Equal(HandoffWebhookResponse.NoAnswer("no answer: ConnectionError"), response);
    }

    [Fact]
    public async Task PostAsync_ReceiverRedirects_NotFollowed()
    {
        _receiver.Script("redirect_", [], then: 307);

        var response = await Sender.PostAsync(Request("redirect_1"), CancellationToken.None);

        Assert.Equal(HandoffWebhookResponse.Answered(307), response);
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task PostAsync_EveryOutcome_NoLogLineNamesTheUrl()
    {
        _receiver.Script("fail_", [], then: 500);

        await Sender.PostAsync(Request("fail_1"), CancellationToken.None);
        await Sender.PostAsync(Request("ok_2"), CancellationToken.None);

        Assert.DoesNotContain(_logs, line => line.Contains(UrlSecretMarker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostAsync_CancelledByTheInvocation_Throws()
    {
        _receiver.Script("cancel_", [], then: WebhookReceiver.Hang);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender.PostAsync(Request("cancel_1"), cancel.Token));
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}
