using System.Collections.Concurrent;
using System.Text;
using LeadIntake.Application.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Testing;

/// <summary>A webhook receiver on a free loopback port (Kestrel, in the test process): records every request, verifies its signature, answers from a script.</summary>
/// <remarks>
/// Answers are scripted per delivery-id prefix (a lead id, since a hand-off id is <c>{lead id}_{submission id}</c>):
/// the listed statuses in order, then a final one for every later request; unscripted deliveries get 200. A status of
/// <see cref="Hang"/> holds the request open until the client gives up. Thread-safe.
/// </remarks>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>A scripted "status" that never answers (until the client disconnects): a timeout for the sender.</summary>
    public const int Hang = -1;

    private readonly WebApplication _app;
    private readonly HandoffWebhookSigner _signer;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, Answers> _scripts = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app, HandoffWebhookSigner signer, Uri url)
    {
        _app = app;
        _signer = signer;
        Url = url;
    }

    /// <summary>The URL to configure as <c>Handoff:WebhookUrl</c>: <c>http://127.0.0.1:&lt;port&gt;&lt;path&gt;</c>.</summary>
    public Uri Url { get; }

    /// <summary>Every request received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Starts a receiver verifying with <paramref name="secret"/> and serving any path (the configured one is <paramref name="path"/>).</summary>
    public static async Task<WebhookReceiver> StartAsync(string secret, string path = "/hooks/leadintake")
    {
        var port = LoopbackPorts.Free(1)[0];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new HandoffWebhookSigner(secret), new Uri($"http://127.0.0.1:{port}{path}"));
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Answers deliveries whose id starts with <paramref name="prefix"/> with <paramref name="first"/> in order, then <paramref name="then"/> for ever.</summary>
    public void Script(string prefix, int[] first, int then = 200) => _scripts[prefix] = new Answers(new ConcurrentQueue<int>(first), then);

    /// <summary>The requests whose delivery id starts with <paramref name="leadId"/> followed by <c>_</c>.</summary>
    public List<ReceivedWebhook> For(string leadId) => [.. _received.Where(r => r.Delivery?.StartsWith(leadId + "_", StringComparison.Ordinal) == true)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var signature = context.Request.Headers[HandoffWebhookSigner.SignatureHeader].ToString();
        var delivery = context.Request.Headers[HandoffWebhookSigner.DeliveryHeader].ToString();
        var status = StatusFor(delivery);
        _received.Enqueue(new ReceivedWebhook(
            at, context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.ContentType,
            context.Request.Headers.UserAgent.ToString(), signature, delivery, body, _signer.Verify(signature, body, at), status));

        if (status == Hang)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up: what a hanging receiver is for.
            }

            return;
        }

        context.Response.StatusCode = status;
        if (status is >= 300 and < 400)
            context.Response.Headers.Location = "/elsewhere";
    }

    private int StatusFor(string delivery)
    {
        foreach (var (prefix, script) in _scripts)
        {
            if (delivery.StartsWith(prefix, StringComparison.Ordinal))
                return script.First.TryDequeue(out var status) ? status : script.Then;
        }

        return 200;
    }

    private sealed record Answers(ConcurrentQueue<int> First, int Then);
}

/// <summary>One request a <see cref="WebhookReceiver"/> received.</summary>
/// <param name="At">When it arrived (receiver clock).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string.</param>
/// <param name="ContentType">The Content-Type header, exactly.</param>
/// <param name="UserAgent">The User-Agent header.</param>
/// <param name="Signature">The signature header.</param>
/// <param name="Delivery">The delivery header (the hand-off id).</param>
/// <param name="Body">The body, as UTF-8 text.</param>
/// <param name="SignatureValid">Whether <see cref="HandoffWebhookSigner.Verify(string?, string, DateTimeOffset, TimeSpan?)"/> accepted it at arrival.</param>
/// <param name="AnsweredStatus">The status the receiver answered (or <see cref="WebhookReceiver.Hang"/>).</param>
public sealed record ReceivedWebhook(
    DateTimeOffset At, string Method, string PathAndQuery, string? ContentType, string UserAgent, string Signature, string? Delivery, string Body,
    bool SignatureValid, int AnsweredStatus);
