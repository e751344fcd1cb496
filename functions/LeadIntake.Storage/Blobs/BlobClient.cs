using System.Globalization;
using Azure;
using Azure.Core;

namespace LeadIntake.Storage.Blobs;

/// <summary>One block blob: whole-content upload and download, for model files and other small documents. Async only.</summary>
/// <remarks>
/// Uploads are a single Put Blob, so content is held in memory; fine for JSON artifacts of a few MiB.
/// Every non-2xx answer throws <see cref="RequestFailedException"/> with <c>ErrorCode</c> set
/// (<c>BlobAlreadyExists</c>, <c>ConditionNotMet</c>, <c>BlobNotFound</c>). No I/O on construction. Thread-safe.
/// </remarks>
public sealed class BlobClient
{
    private readonly StoragePipeline _pipeline;

    internal BlobClient(StoragePipeline pipeline, Uri containerUri, string blobName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        _pipeline = pipeline;
        Name = blobName;
        // Blob names may hold '/' (virtual folders): escape each segment, keep the slashes.
        Uri = new Uri(containerUri.AbsoluteUri + "/" + string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString)));
    }

    /// <summary>The blob name.</summary>
    public string Name { get; }

    /// <summary>The blob URI.</summary>
    public Uri Uri { get; }

    /// <summary>Writes <paramref name="content"/> as the whole blob.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="overwrite">False (default): fail with 409 <c>BlobAlreadyExists</c> if the blob exists.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, bool overwrite = false, CancellationToken cancellationToken = default) =>
        UploadCoreAsync(content, overwrite ? null : ("If-None-Match", ETag.All), cancellationToken);

    /// <summary>Overwrites the blob only if its version is still <paramref name="ifMatch"/> (optimistic concurrency).</summary>
    /// <exception cref="RequestFailedException">412 <c>ConditionNotMet</c> when the blob changed; 404 when absent.</exception>
    public Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
            throw new ArgumentException("A conditional upload needs the ETag read earlier.", nameof(ifMatch));
        return UploadCoreAsync(content, ("If-Match", ifMatch), cancellationToken);
    }

    /// <summary>Reads the whole blob.</summary>
    /// <exception cref="RequestFailedException">404 <c>BlobNotFound</c> (or <c>ContainerNotFound</c>).</exception>
    public async Task<Response<BlobDownloadResult>> DownloadContentAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, BlobUri());
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var details = new BlobDownloadDetails(response.Headers.ETag ?? default, LastModified(response), response.Headers.ContentType);
        return Response.FromValue(new BlobDownloadResult(response.Content, details), response);
    }

    /// <summary>Whether the blob exists.</summary>
    public async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, BlobUri());
        var response = await _pipeline.SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    /// <summary>The blob's ETag, last-modified time, length and content type.</summary>
    /// <exception cref="RequestFailedException">404 when absent.</exception>
    public async Task<Response<BlobProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, BlobUri());
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var properties = new BlobProperties(
            response.Headers.ETag ?? default, LastModified(response), response.Headers.ContentLength ?? 0, response.Headers.ContentType);
        return Response.FromValue(properties, response);
    }

    /// <summary>Deletes the blob if it exists; the value says whether it did.</summary>
    public async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, BlobUri());
        var response = await _pipeline.SendAsync(message, cancellationToken, 404).ConfigureAwait(false);
        return Response.FromValue(response.Status != 404, response);
    }

    private async Task<Response<BlobContentInfo>> UploadCoreAsync(
        BinaryData content, (string Header, ETag Value)? condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var message = _pipeline.CreateMessage(RequestMethod.Put, BlobUri());
        var headers = message.Request.Headers;
        headers.SetValue("x-ms-blob-type", "BlockBlob");
        headers.SetValue("Content-Type", content.MediaType ?? "application/octet-stream");
        if (condition is { } c)
            headers.SetValue(c.Header, c.Value.ToString());
        message.Request.Content = RequestContent.Create(content);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(new BlobContentInfo(response.Headers.ETag ?? default, LastModified(response)), response);
    }

    private RequestUriBuilder BlobUri()
    {
        var uri = new RequestUriBuilder();
        uri.Reset(Uri);
        return uri;
    }

    private static DateTimeOffset LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : default;
}
