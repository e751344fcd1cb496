using System.Globalization;
using Azure;
using Azure.Core;

namespace LeadIntake.Storage.Queues;

/// <summary>Operations on one queue and its messages, shaped like Azure.Storage.Queues' <c>QueueClient</c>. Async only.</summary>
/// <remarks>
/// Message text is base64-encoded on the wire by default (<see cref="QueueClientOptions.MessageEncoding"/>), as the
/// Functions queue trigger expects. A consumer receives, processes, then deletes with the latest pop receipt; a message
/// not deleted comes back after its visibility timeout with <see cref="QueueMessage.DequeueCount"/> + 1.
/// Every non-2xx answer throws <see cref="RequestFailedException"/> with <c>ErrorCode</c> set; unreachable storage throws
/// it with status 0. Construction does no I/O. Thread-safe.
/// </remarks>
public sealed class QueueClient
{
    /// <summary>Most messages one receive or peek may return (service limit).</summary>
    public const int MaxMessagesPerReceive = 32;

    private readonly StoragePipeline _pipeline;
    private readonly Uri _uri;
    private readonly QueueMessageEncoding _encoding;

    /// <summary>A client for <paramref name="queueName"/> authenticated by the connection string's account key.</summary>
    public QueueClient(string connectionString, string queueName)
        : this(connectionString, queueName, null)
    {
    }

    /// <summary>A client for <paramref name="queueName"/> authenticated by the connection string's account key.</summary>
    /// <exception cref="FormatException"><paramref name="connectionString"/> cannot be parsed.</exception>
    public QueueClient(string connectionString, string queueName, QueueClientOptions? options)
        : this(QueueServiceClient.SharedKeyPipeline(connectionString, options, out var endpoint), endpoint, queueName, options)
    {
    }

    /// <summary>A client for the queue at <paramref name="queueUri"/> (endpoint + name), authenticated with Entra ID.</summary>
    public QueueClient(Uri queueUri, TokenCredential credential, QueueClientOptions? options = null)
        : this(
            StoragePipeline.ForToken(options ?? new QueueClientOptions(), credential, QueueClientOptions.ServiceVersion),
            ParentOf(queueUri),
            queueUri.Segments[^1].TrimEnd('/'),
            options)
    {
    }

    internal QueueClient(StoragePipeline pipeline, Uri endpoint, string queueName, QueueClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        _pipeline = pipeline;
        Name = queueName;
        _uri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(queueName));
        _encoding = (options ?? new QueueClientOptions()).MessageEncoding;
    }

    /// <summary>The queue name.</summary>
    public string Name { get; }

    /// <summary>The queue URI.</summary>
    public Uri Uri => _uri;

    /// <summary>Creates the queue; returns null if it already existed.</summary>
    public async Task<Response?> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Build(string.Empty));
        // 204: already there with the same metadata; 409 QueueAlreadyExists: there with other metadata. Both mean "exists".
        var response = await _pipeline.SendAsync(message, cancellationToken, 409).ConfigureAwait(false);
        if (response.Status == 201)
            return response;
        if (response.Status == 204)
            return null;
        return StorageErrorParser.Instance.TryParse(response, out var error, out _) && error?.Code == "QueueAlreadyExists"
            ? null
            : throw new RequestFailedException(response, null, StorageErrorParser.Instance);
    }

    /// <summary>Deletes the queue and its messages.</summary>
    /// <exception cref="RequestFailedException">404 <c>QueueNotFound</c> when there is no such queue.</exception>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Build(string.Empty));
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the queue if it exists; the value says whether it did.</summary>
    public async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Build(string.Empty));
        var response = await _pipeline.SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>Enqueues <paramref name="messageText"/>.</summary>
    /// <param name="messageText">The text; at most 64 KiB as stored, so about 48 KiB of UTF-8 with base64.</param>
    /// <param name="visibilityTimeout">Delay before receivers see it (0 to 7 days); default immediately.</param>
    /// <param name="timeToLive">Lifetime; default 7 days; <see cref="Timeout.InfiniteTimeSpan"/> for never expiring.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <remarks>A retried send can enqueue the message twice: consumers must be idempotent.</remarks>
    public async Task<Response<SendReceipt>> SendMessageAsync(
        string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var uri = Build("/messages");
        if (visibilityTimeout is { } visibility)
            uri.AppendQuery("visibilitytimeout", Seconds(visibility, nameof(visibilityTimeout)));
        if (timeToLive is { } ttl)
            uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl, nameof(timeToLive)));
        using var message = CreateMessageWithText(RequestMethod.Post, uri, messageText);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var sent = QueueMessageXml.Messages(response.Content).Single();
        return Response.FromValue(
            new SendReceipt(
                QueueMessageXml.Value(sent, "MessageId"),
                QueueMessageXml.Time(sent, "InsertionTime") ?? default,
                QueueMessageXml.Time(sent, "ExpirationTime") ?? default,
                QueueMessageXml.Value(sent, "PopReceipt"),
                QueueMessageXml.Time(sent, "TimeNextVisible") ?? default),
            response);
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="maxMessages">1 to <see cref="MaxMessagesPerReceive"/>; default 1.</param>
    /// <param name="visibilityTimeout">The lease, 1 s to 7 days; default 30 s.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The messages; empty when none is visible.</returns>
    public async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(
        int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var uri = Build("/messages");
        AppendCount(uri, maxMessages);
        if (visibilityTimeout is { } visibility)
            uri.AppendQuery("visibilitytimeout", Seconds(visibility, nameof(visibilityTimeout)));
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var messages = QueueMessageXml.Messages(response.Content)
            .Select(m => new QueueMessage(
                QueueMessageXml.Value(m, "MessageId"),
                QueueMessageXml.Value(m, "PopReceipt"),
                QueueMessageXml.Text(m, _encoding),
                QueueMessageXml.Count(m, "DequeueCount"),
                QueueMessageXml.Time(m, "InsertionTime"),
                QueueMessageXml.Time(m, "ExpirationTime"),
                QueueMessageXml.Time(m, "TimeNextVisible")))
            .ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without leasing them.</summary>
    public async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        var uri = Build("/messages");
        uri.AppendQuery("peekonly", "true");
        AppendCount(uri, maxMessages);
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var messages = QueueMessageXml.Messages(response.Content)
            .Select(m => new PeekedMessage(
                QueueMessageXml.Value(m, "MessageId"),
                QueueMessageXml.Text(m, _encoding),
                QueueMessageXml.Count(m, "DequeueCount"),
                QueueMessageXml.Time(m, "InsertionTime"),
                QueueMessageXml.Time(m, "ExpirationTime")))
            .ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Deletes a received message.</summary>
    /// <exception cref="RequestFailedException">400 <c>PopReceiptMismatch</c> for a stale receipt; 404 <c>MessageNotFound</c>.</exception>
    public async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        var uri = MessageUri(messageId, popReceipt);
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, uri);
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes a received message's lease (and optionally its text); the answer carries the new pop receipt.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="popReceipt">The latest pop receipt; it stops working once this succeeds.</param>
    /// <param name="messageText">New text, or null to keep the text.</param>
    /// <param name="visibilityTimeout">Hide it for this long from now (0 = visible at once; up to 7 days).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<Response<UpdateReceipt>> UpdateMessageAsync(
        string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default,
        CancellationToken cancellationToken = default)
    {
        var uri = MessageUri(messageId, popReceipt);
        uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, nameof(visibilityTimeout)));
        using var message = messageText is null
            ? _pipeline.CreateMessage(RequestMethod.Put, uri)
            : CreateMessageWithText(RequestMethod.Put, uri, messageText);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return Response.FromValue(
            new UpdateReceipt(newReceipt ?? string.Empty, nextVisible is null ? default : QueueMessageXml.ParseTime(nextVisible)),
            response);
    }

    /// <summary>Reads the approximate message count and the metadata.</summary>
    public async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var uri = Build(string.Empty);
        uri.AppendQuery("comp", "metadata");
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count);
        var metadata = response.Headers
            .Where(h => h.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Name["x-ms-meta-".Length..], h => h.Value, StringComparer.OrdinalIgnoreCase);
        return Response.FromValue(
            new QueueProperties(int.Parse(count ?? "0", CultureInfo.InvariantCulture), metadata),
            response);
    }

    private HttpMessage CreateMessageWithText(RequestMethod method, RequestUriBuilder uri, string messageText)
    {
        var message = _pipeline.CreateMessage(method, uri);
        message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        message.Request.Content = RequestContent.Create(QueueMessageXml.MessageBody(messageText, _encoding));
        return message;
    }

    private RequestUriBuilder MessageUri(string messageId, string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var uri = Build("/messages/" + Uri.EscapeDataString(messageId));
        uri.AppendQuery("popreceipt", popReceipt);
        return uri;
    }

    private RequestUriBuilder Build(string path)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(_uri);
        if (path.Length > 0)
            uri.AppendPath(path, escape: false);
        return uri;
    }

    private static void AppendCount(RequestUriBuilder uri, int? maxMessages)
    {
        if (maxMessages is null)
            return;
        if (maxMessages is < 1 or > MaxMessagesPerReceive)
            throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, $"Between 1 and {MaxMessagesPerReceive} messages per call.");
        uri.AppendQuery("numofmessages", maxMessages.Value.ToString(CultureInfo.InvariantCulture));
    }

    private static string Seconds(TimeSpan value, string parameterName) =>
        value < TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(parameterName, value, "Must not be negative.")
            : ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static Uri ParentOf(Uri queueUri)
    {
        ArgumentNullException.ThrowIfNull(queueUri);
        return new Uri(queueUri, ".");
    }
}
