using System.Net.Http.Headers;
using System.Text;
using LeadIntake.Application.Webhooks;

namespace LeadIntake.Functions.Webhooks;

/// <summary>The webhook POST on the named <see cref="HttpClient"/> <see cref="ClientName"/> from <see cref="IHttpClientFactory"/>.</summary>
/// <remarks>
/// The client is registered by <c>AddLeadIntake</c> with <see cref="HandoffWebhookOptions.WebhookTimeout"/>, no automatic
/// redirects (a 3xx is a failed attempt: the signed request is never forwarded elsewhere) and none of the factory's
/// request loggers, which would log the full URL. Transport failures become a <see cref="HandoffWebhookResponse"/>
/// naming the kind of failure only (<see cref="HttpRequestError"/>), since exception messages can hold the URL's host
/// and port. Thread-safe.
/// </remarks>
public sealed class HttpHandoffWebhookSender(IHttpClientFactory clients, HandoffWebhookOptions options) : IHandoffWebhookSender
{
    /// <summary>The name of the <see cref="HttpClient"/> the factory configures for the webhook.</summary>
    public const string ClientName = "handoff-webhook";

    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    /// <inheritdoc />
    public async Task<HandoffWebhookResponse> PostAsync(HandoffWebhookRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body)) };
        // Exactly application/json (JSON is UTF-8 by definition, RFC 8259): the bytes signed are the bytes sent.
        message.Content.Headers.ContentType = s_json;
        foreach (var (name, value) in request.Headers)
            message.Headers.TryAddWithoutValidation(name, value);

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return HandoffWebhookResponse.Answered((int)response.StatusCode);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HandoffWebhookResponse.NoAnswer($"timed out after {options.WebhookTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return HandoffWebhookResponse.NoAnswer($"no answer: {e.HttpRequestError}");
        }
    }
}
