using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadIntake.Storage;

/// <summary>One service's HTTP pipeline: versioned requests out, <see cref="RequestFailedException"/> for every failure back.</summary>
/// <remarks>
/// The authentication policy goes in the per-retry slot so every attempt is re-dated and re-signed.
/// Connection failures surface as <see cref="RequestFailedException"/> with status 0, also after several retries
/// (Azure.Core then throws an <see cref="AggregateException"/>, which is unwrapped here), so callers catch one type.
/// </remarks>
internal sealed class StoragePipeline
{
    /// <summary>The Entra ID scope for every storage service.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;
    private readonly string _serviceVersion;

    public StoragePipeline(ClientOptions options, HttpPipelinePolicy authentication, string serviceVersion)
    {
        _pipeline = HttpPipelineBuilder.Build(options, [], [authentication], new ResponseClassifier());
        _serviceVersion = serviceVersion;
    }

    /// <summary>A pipeline whose requests are signed with the account key of <paramref name="connectionString"/>.</summary>
    public static StoragePipeline ForSharedKey(
        ClientOptions options, StorageConnectionString connectionString, bool tableService, string serviceVersion)
    {
        HttpPipelinePolicy signer = tableService
            ? new Tables.TableSharedKeyLitePipelinePolicy(connectionString.AccountName, connectionString.AccountKey)
            : new StorageSharedKeyPipelinePolicy(connectionString.AccountName, connectionString.AccountKey);
        return new StoragePipeline(options, signer, serviceVersion);
    }

    /// <summary>A pipeline that sends a bearer token for <see cref="TokenScope"/> (Entra ID, managed identity).</summary>
    public static StoragePipeline ForToken(ClientOptions options, TokenCredential credential, string serviceVersion)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new StoragePipeline(options, new BearerTokenAuthenticationPolicy(credential, TokenScope), serviceVersion);
    }

    public HttpMessage CreateMessage(RequestMethod method, RequestUriBuilder uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri = uri;
        message.Request.Headers.SetValue("x-ms-version", _serviceVersion);
        return message;
    }

    /// <summary>Sends <paramref name="message"/>; throws unless the status is 2xx or one of <paramref name="tolerated"/>.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] tolerated)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is RequestFailedException))
        {
            throw new RequestFailedException(0, e.Message, null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Azure.Core reports its own network timeout as a cancellation; to callers it is storage being unreachable.
            throw new RequestFailedException(0, e.Message, null, e);
        }

        var response = message.Response;
        if ((response.Status < 200 || response.Status > 299) && !tolerated.Contains(response.Status))
            throw new RequestFailedException(response, null, StorageErrorParser.Instance);
        return response;
    }
}
