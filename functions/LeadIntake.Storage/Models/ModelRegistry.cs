using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace LeadIntake.Storage.Models;

/// <summary>
/// Published scoring models in blob storage: each version as <c>&lt;version&gt;/model.zip</c> and <c>&lt;version&gt;/model-card.json</c> in a container
/// (<see cref="StorageNames.ModelsContainer"/> in the app), and a <see cref="StorageNames.CurrentModelPointerBlob"/> pointer naming
/// the one the function app serves. Used by the training CLI and notebook to publish and by the app to load.
/// </summary>
/// <remarks>
/// Async only. Holds no gate logic: the caller decides whether a model may be published and passes the pointer ETag it
/// based that decision on, so a concurrent publish makes this one fail (412/409) instead of silently winning.
/// Model blobs are never overwritten: re-publishing identical bytes is a no-op, different bytes under a taken version fail.
/// </remarks>
public sealed class ModelRegistry
{
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a registry on <paramref name="container"/> (tests and staging use their own container).</summary>
    public ModelRegistry(BlobContainerClient container, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _container = container;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates a registry on the <see cref="StorageNames.ModelsContainer"/> container of <paramref name="service"/>.</summary>
    public ModelRegistry(BlobServiceClient service, TimeProvider timeProvider)
        : this((service ?? throw new ArgumentNullException(nameof(service))).GetBlobContainerClient(StorageNames.ModelsContainer), timeProvider)
    {
    }

    /// <summary>Creates a registry on the models container of the account in <paramref name="connectionString"/>.</summary>
    public ModelRegistry(string connectionString)
        : this(new BlobServiceClient(connectionString), TimeProvider.System)
    {
    }

    /// <summary>Uploads model <paramref name="version"/> and moves the <c>current</c> pointer to it.</summary>
    /// <param name="version">The model's version; its files go under <c>&lt;version&gt;/</c>.</param>
    /// <param name="files">The model folder's files by name (<c>model.zip</c>, <c>model-card.json</c>), uploaded before the pointer moves.</param>
    /// <param name="holdoutAuc">Holdout AUC recorded in the pointer for the next publish gate.</param>
    /// <param name="expectedPointerETag">
    /// The pointer ETag the caller read (<see cref="GetCurrentPointerAsync"/>), or <see langword="null"/> when it saw no
    /// pointer; the pointer moves only if it is still in that state.
    /// </param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The new pointer and its ETag.</returns>
    /// <exception cref="RequestFailedException">
    /// Status 412 or 409 (<c>ConditionNotMet</c>, <c>BlobAlreadyExists</c>): the pointer changed since it was read.
    /// Any other storage failure as returned by the service.
    /// </exception>
    /// <exception cref="InvalidOperationException">A different model is already stored under <paramref name="version"/>.</exception>
    /// <exception cref="ArgumentException">The version cannot name a blob, or <paramref name="holdoutAuc"/> is not finite.</exception>
    public async Task<VersionedModelPointer> PublishAsync(
        string version, IReadOnlyDictionary<string, BinaryData> files, double holdoutAuc, ETag? expectedPointerETag,
        CancellationToken cancellationToken = default)
    {
        var folder = FolderFor(version);
        ArgumentNullException.ThrowIfNull(files);
        if (!double.IsFinite(holdoutAuc))
            throw new ArgumentOutOfRangeException(nameof(holdoutAuc), holdoutAuc, "The holdout AUC recorded in the pointer must be a finite number.");
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            await UploadModelAsync(folder + name, content, cancellationToken);

        var pointer = new ModelPointer(ModelPointer.CurrentFormatVersion, version, folder, holdoutAuc, _timeProvider.GetUtcNow());
        var pointerBlob = _container.GetBlobClient(StorageNames.CurrentModelPointerBlob);
        var json = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(pointer, ModelPointerJsonContext.Default.ModelPointer));
        var uploaded = expectedPointerETag is { } ifMatch
            ? await pointerBlob.UploadAsync(json, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = ifMatch } }, cancellationToken)
            : await pointerBlob.UploadAsync(json, overwrite: false, cancellationToken);
        return new VersionedModelPointer(pointer, uploaded.Value.ETag);
    }

    /// <summary>The current pointer and its ETag, or <see langword="null"/> when no model has been published.</summary>
    /// <exception cref="InvalidDataException">The pointer blob is not a pointer this code can read.</exception>
    public async Task<VersionedModelPointer?> GetCurrentPointerAsync(CancellationToken cancellationToken = default)
    {
        var downloaded = await DownloadIfExistsAsync(StorageNames.CurrentModelPointerBlob, cancellationToken);
        return downloaded is null ? null : new VersionedModelPointer(ParsePointer(downloaded.Content), downloaded.Details.ETag);
    }

    /// <summary>The named files of the model the pointer names, or <see langword="null"/> when no model has been published.</summary>
    /// <remarks>The contents are returned as stored; validating them as a model is the caller's job.</remarks>
    /// <exception cref="InvalidDataException">The pointer is unreadable or names a model file that does not exist.</exception>
    public async Task<CurrentModel?> DownloadCurrentAsync(IReadOnlyList<string> fileNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        var current = await GetCurrentPointerAsync(cancellationToken);
        if (current is null)
            return null;

        var files = new Dictionary<string, BinaryData>(StringComparer.Ordinal);
        foreach (var name in fileNames)
        {
            var blob = await DownloadIfExistsAsync(current.Pointer.Blob + name, cancellationToken)
                ?? throw new InvalidDataException(
                    $"The '{StorageNames.CurrentModelPointerBlob}' pointer names model '{current.Pointer.Blob}', which has no '{name}'.");
            files[name] = blob.Content;
        }

        return new CurrentModel(current.Pointer, files, current.ETag);
    }

    /// <summary>The blob folder of model <paramref name="version"/>: <c>&lt;version&gt;/</c>.</summary>
    /// <exception cref="ArgumentException">The version is empty, has a '/' or '\\', or surrounding spaces.</exception>
    public static string FolderFor(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (version.IndexOfAny(['/', '\\']) >= 0 || version.Trim() != version)
            throw new ArgumentException($"Model version '{version}' cannot name a blob: no slashes or surrounding spaces.", nameof(version));
        return version + "/";
    }

    private async Task UploadModelAsync(string blobName, BinaryData content, CancellationToken cancellationToken)
    {
        try
        {
            await _container.GetBlobClient(blobName).UploadAsync(content, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A retried publish finds its own blob: fine. Another model under the same version is not.
            var existing = await DownloadIfExistsAsync(blobName, cancellationToken);
            if (existing is null || !existing.Content.ToMemory().Span.SequenceEqual(content.ToMemory().Span))
                throw new InvalidOperationException($"Model blob '{blobName}' already exists with different content; a version is published once.", e);
        }
    }

    private async Task<BlobDownloadResult?> DownloadIfExistsAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static ModelPointer ParsePointer(BinaryData content)
    {
        ModelPointer? pointer;
        try
        {
            pointer = JsonSerializer.Deserialize(content.ToMemory().Span, ModelPointerJsonContext.Default.ModelPointer);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The '{StorageNames.CurrentModelPointerBlob}' pointer blob is not valid JSON: {e.Message}", e);
        }

        if (pointer?.FormatVersion != ModelPointer.CurrentFormatVersion)
        {
            throw new InvalidDataException(
                $"The '{StorageNames.CurrentModelPointerBlob}' pointer has format version {pointer?.FormatVersion}; this code reads version {ModelPointer.CurrentFormatVersion}.");
        }

        if (string.IsNullOrEmpty(pointer.Version) || string.IsNullOrEmpty(pointer.Blob))
            throw new InvalidDataException($"The '{StorageNames.CurrentModelPointerBlob}' pointer names no model version or blob.");

        return pointer;
    }
}
