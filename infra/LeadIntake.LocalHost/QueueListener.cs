using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LeadIntake.LocalHost.Rpc;

namespace LeadIntake.LocalHost;

/// <summary>Polls one queue for one queue-triggered function with the Functions host's semantics.</summary>
/// <remarks>
/// host.json <c>extensions.queues</c>: batchSize (16), newBatchThreshold (batchSize/2), maxDequeueCount (5),
/// visibilityTimeout (0), maxPollingInterval (1 min), messageEncoding (base64 | none). A received message is leased for
/// 10 minutes, as by the Functions host (where it is fixed), renewed at half-life while the function runs; the
/// development-only app setting <c>LocalHost:QueueLease</c> (hh:mm:ss) shortens it, so a test that kills the host sees
/// the messages the dead host held come back in seconds rather than 10 minutes; a new batch is fetched once at most newBatchThreshold
/// messages are in flight. Success deletes; failure (including a worker crash) either moves the message to
/// <c>&lt;queue&gt;-poison</c> (DequeueCount ≥ maxDequeueCount) or makes it visible again after visibilityTimeout.
/// An empty or missing queue backs off from 100 ms, doubling, to maxPollingInterval.
/// </remarks>
public sealed class QueueListener
{
    private static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly FunctionDescriptor _function;
    private readonly WorkerSupervisor _supervisor;
    private readonly ILogger _logger;
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly int _batchSize;
    private readonly int _newBatchThreshold;
    private readonly int _maxDequeueCount;
    private readonly TimeSpan _visibilityTimeout;
    private readonly TimeSpan _maxPollingInterval;
    private readonly TimeSpan _lease;
    private readonly string _dataType;
    private readonly bool _deferredBinding;
    private readonly SemaphoreSlim _released = new(0);
    private int _inFlight;

    /// <summary>A listener for <paramref name="function"/>'s queue, configured from <paramref name="settings"/>.</summary>
    /// <exception cref="InvalidOperationException">The connection setting is missing.</exception>
    public QueueListener(FunctionDescriptor function, HostSettings settings, WorkerSupervisor supervisor, ILoggerFactory loggers)
    {
        _function = function;
        _supervisor = supervisor;
        _logger = loggers.CreateLogger($"Host.Queue.{function.Name}");
        var queues = settings.QueuesSection;
        _batchSize = queues["batchSize"]?.GetValue<int>() ?? 16;
        _newBatchThreshold = queues["newBatchThreshold"]?.GetValue<int>() ?? _batchSize / 2;
        _maxDequeueCount = queues["maxDequeueCount"]?.GetValue<int>() ?? 5;
        _visibilityTimeout = HostSettings.Duration(queues["visibilityTimeout"], TimeSpan.Zero);
        _maxPollingInterval = HostSettings.Duration(queues["maxPollingInterval"], TimeSpan.FromMinutes(1));
        _lease = settings.Get("LocalHost:QueueLease") is { Length: > 0 } lease
            ? TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture)
            : DefaultLease;
        var base64 = !string.Equals(queues["messageEncoding"]?.GetValue<string>(), "none", StringComparison.OrdinalIgnoreCase);
        _dataType = function.TriggerProperty("dataType") ?? "";
        _deferredBinding = string.Equals(function.Trigger["properties"]?["supportsDeferredBinding"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase);

        // As the host does: "X" names the setting X, else AzureWebJobsX.
        var connectionName = function.TriggerProperty("connection") is { Length: > 0 } named ? named : "AzureWebJobsStorage";
        var connectionString = settings.Get(connectionName) ?? settings.Get("AzureWebJobs" + connectionName)
            ?? throw new InvalidOperationException($"Queue function {function.Name}: connection setting '{connectionName}' is not defined (identity-based connections are not supported locally).");
        var options = new QueueClientOptions { MessageEncoding = base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None };
        // Azurite 3.37 accepts REST versions up to 2026-06-06; the SDK's default (2026-10-06) is refused without --skipApiVersionCheck.
        if (IsEmulator(connectionString))
            options = new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = options.MessageEncoding };
        options.MessageDecodingFailed += OnDecodingFailedAsync;
        var queueName = settings.Resolve(function.TriggerProperty("queueName") ?? throw new InvalidOperationException($"Queue function {function.Name} has no queueName."));
        _queue = new QueueClient(connectionString, queueName, options);
        _poison = new QueueClient(connectionString, queueName + "-poison", options);
    }

    /// <summary>Polls until <paramref name="stopPolling"/> fires, then waits for in-flight messages until <paramref name="abandon"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopPolling, CancellationToken abandon)
    {
        var delay = MinPollingInterval;
        var inFlight = new List<Task>();
        _logger.LogInformation("Listening on queue {Queue}", _queue.Name);
        while (!stopPolling.IsCancellationRequested)
        {
            try
            {
                await _supervisor.WaitReadyAsync(stopPolling);
                while (Volatile.Read(ref _inFlight) > _newBatchThreshold)
                    await _released.WaitAsync(stopPolling);

                QueueMessage[] messages = await ReceiveAsync(stopPolling);
                inFlight.RemoveAll(task => task.IsCompleted);
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, stopPolling);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxPollingInterval.Ticks));
                    continue;
                }

                delay = MinPollingInterval;
                foreach (var message in messages)
                {
                    Interlocked.Increment(ref _inFlight);
                    inFlight.Add(Task.Run(() => ProcessAsync(message, abandon), CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stopPolling.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (!stopPolling.IsCancellationRequested)
            {
                _logger.LogWarning("Polling {Queue} failed: {Reason}", _queue.Name, exception.Message);
                await Task.Delay(delay, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxPollingInterval.Ticks));
            }
        }

        try
        {
            await Task.WhenAll(inFlight).WaitAsync(abandon);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Stopped with {Count} messages still in flight; their leases will expire", Volatile.Read(ref _inFlight));
        }
    }

    private async Task<QueueMessage[]> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _queue.ReceiveMessagesAsync(_batchSize, _lease, cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return []; // A queue nobody created yet is an empty queue.
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abandon)
    {
        var popReceipt = message.PopReceipt;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(abandon);
        var renew = RenewAsync(message.MessageId, () => popReceipt, receipt => popReceipt = receipt, renewal.Token);
        var succeeded = false;
        try
        {
            var connection = await _supervisor.WaitReadyAsync(abandon);
            var response = await connection.InvokeAsync(Invocation(message), abandon);
            succeeded = response.Result?.Status == StatusResult.Types.Status.Success;
            if (!succeeded)
                _logger.LogError("Executed 'Functions.{Function}' (Failed, Id={Id}, DequeueCount={Count}): {Reason}", _function.Name, response.InvocationId, message.DequeueCount, WorkerException.Reason(response.Result));
        }
        catch (Exception exception) when (exception is WorkerUnavailableException or OperationCanceledException)
        {
            _logger.LogWarning("Message {MessageId} of {Queue} failed: {Reason}", message.MessageId, _queue.Name, exception.Message);
        }

        await renewal.CancelAsync();
        await renew;
        try
        {
            if (succeeded)
                await _queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
            else if (message.DequeueCount >= _maxDequeueCount)
                await MoveToPoisonAsync(message.MessageId, popReceipt, message.Body);
            else
                await _queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: _visibilityTimeout, cancellationToken: CancellationToken.None);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException)
        {
            // Usually a lost lease (404): the message is visible again and will be redelivered. An AggregateException is the
            // SDK giving up on unreachable storage: the message stays leased and is redelivered when its lease expires.
            _logger.LogWarning("Completing message {MessageId} of {Queue} failed: {Reason}", message.MessageId, _queue.Name, exception.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _released.Release();
        }
    }

    private async Task RenewAsync(string messageId, Func<string> popReceipt, Action<string> setPopReceipt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_lease / 2, cancellationToken);
                var renewed = await _queue.UpdateMessageAsync(messageId, popReceipt(), visibilityTimeout: _lease, cancellationToken: cancellationToken);
                setPopReceipt(renewed.Value.PopReceipt);
            }
        }
        catch (OperationCanceledException)
        {
            // The function finished (or the host is abandoning it).
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException)
        {
            // Not rethrown: the message must still be completed (and counted out of the in-flight batch) below.
            _logger.LogWarning("Renewing the lease of message {MessageId} failed: {Reason}", messageId, exception.Message);
        }
    }

    private async Task MoveToPoisonAsync(string messageId, string popReceipt, BinaryData body)
    {
        await _poison.CreateIfNotExistsAsync();
        await _poison.SendMessageAsync(body);
        await _queue.DeleteMessageAsync(messageId, popReceipt);
        _logger.LogWarning("Message {MessageId} reached the maximum dequeue count of {Max} and was moved to {Poison}", messageId, _maxDequeueCount, _poison.Name);
    }

    private InvocationRequest Invocation(QueueMessage message)
    {
        var text = message.Body.ToString();
        var invocation = _function.NewInvocation();
        invocation.InputData.Add(new ParameterBinding { Name = _function.TriggerName, Data = Input(message, text) });
        var metadata = invocation.TriggerMetadata;
        metadata["QueueTrigger"] = new TypedData { String = text };
        metadata["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        metadata["Id"] = new TypedData { String = message.MessageId };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        metadata["InsertionTime"] = new TypedData { Json = JsonSerializer.Serialize(message.InsertedOn) };
        metadata["ExpirationTime"] = new TypedData { Json = JsonSerializer.Serialize(message.ExpiresOn) };
        metadata["NextVisibleTime"] = new TypedData { Json = JsonSerializer.Serialize(message.NextVisibleOn) };
        return invocation;
    }

    private TypedData Input(QueueMessage message, string text)
    {
        if (_deferredBinding)
        {
            // SDK types (QueueMessage, BinaryData): the worker's converter reads this JSON (the WebJobs extension's shape).
            var content = JsonSerializer.SerializeToUtf8Bytes(new
            {
                message.MessageId,
                message.PopReceipt,
                MessageText = text,
                message.DequeueCount,
                message.NextVisibleOn,
                message.InsertedOn,
                message.ExpiresOn,
            });
            return new TypedData
            {
                ModelBindingData = new ModelBindingData { Version = "1.0", Source = "AzureStorageQueues", ContentType = "application/json", Content = Google.Protobuf.ByteString.CopyFrom(content) },
            };
        }

        return _dataType.Equals("binary", StringComparison.OrdinalIgnoreCase)
            ? new TypedData { Bytes = Google.Protobuf.ByteString.CopyFrom(message.Body.ToArray()) }
            : new TypedData { String = text }; // String, and POCOs, which the worker deserializes from the text.
    }

    // A message that is not valid base64 can never be processed: poison it at once, as the host does.
    private async Task OnDecodingFailedAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is { } received)
            await MoveToPoisonAsync(received.MessageId, received.PopReceipt, received.Body);
    }

    private static bool IsEmulator(string connectionString) =>
        connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("127.0.0.1", StringComparison.Ordinal)
        || connectionString.Contains("localhost", StringComparison.OrdinalIgnoreCase);
}
