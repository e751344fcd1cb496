using System.Text;
using Azure;
using Azure.Storage.Blobs;
using LeadIntake.Application.Policy;
using LeadIntake.Domain.Policy;
using LeadIntake.Functions.Hosting;
using LeadIntake.Storage;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Policy;

/// <summary>
/// Serves the qualification policy in force: the blob <c>config/qualification-policy.json</c> when it exists, hot-reloaded;
/// else the file named by <see cref="QualificationPolicyOptions.Path"/>; else <see cref="QualificationPolicy.Default"/>.
/// </summary>
/// <remarks>
/// <para>
/// The blob is checked (a HEAD request) at most once per <see cref="QualificationPolicyOptions.RefreshInterval"/> and
/// downloaded only when its ETag changed. A new version that is not a valid policy is logged (Warning, with the JSON path
/// and the problem, never the file) and the previous policy keeps serving; it is not downloaded again until the blob
/// changes. A removed blob falls back to the file or the default. When a check fails (storage unreachable), what was
/// served keeps serving and the next check tries again; only the very first check, with nothing known yet, throws the
/// storage error, so no decision is made with a policy that may not be the one in force.
/// </para>
/// <para>
/// The file is read once, on first use. A file that is invalid or unreadable fails every use (logged as an Error, the
/// exception thrown to the caller) until it is fixed and the app restarted, as a broken points-model file does: a
/// configured policy is never silently replaced by the default. Every change of the policy served is logged at
/// Information as "Qualification policy {Version} from {Source}". Thread-safe.
/// </para>
/// </remarks>
public sealed class QualificationPolicyProvider : IQualificationPolicyProvider
{
    private const string DefaultSource = "the built-in default";

    private readonly BlobClient _blob;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshInterval;
    private readonly ILogger _logger;
    private readonly Lazy<ServedPolicy> _fallback;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Under _gate.
    private ServedPolicy? _fromBlob;
    private ETag? _blobETag;   // the blob version last downloaded, valid or refused
    private bool _blobChecked;

    // Written under _gate; read without it through Volatile.
    private ServedPolicy? _served;
    private long _nextCheckAtTicks;

    /// <summary>Creates the provider on the app's <see cref="StorageNames.ConfigContainer"/> container.</summary>
    [ActivatorUtilitiesConstructor]
    public QualificationPolicyProvider(
        BlobServiceClient blobs,
        TimeProvider timeProvider,
        IOptions<QualificationPolicyOptions> options,
        IHostEnvironment environment,
        ILogger<QualificationPolicyProvider> logger)
        : this((blobs ?? throw new ArgumentNullException(nameof(blobs))).GetBlobContainerClient(StorageNames.ConfigContainer),
            timeProvider, options, environment, logger)
    {
    }

    /// <summary>Creates the provider on <paramref name="container"/> (tests and staging use their own container).</summary>
    public QualificationPolicyProvider(
        BlobContainerClient container,
        TimeProvider timeProvider,
        IOptions<QualificationPolicyOptions> options,
        IHostEnvironment environment,
        ILogger<QualificationPolicyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(logger);
        _blob = container.GetBlobClient(StorageNames.QualificationPolicyBlob);
        _timeProvider = timeProvider;
        _logger = logger;
        var settings = options.Value;
        _refreshInterval = settings.RefreshInterval > TimeSpan.Zero ? settings.RefreshInterval : TimeSpan.Zero;
        _fallback = new(() => LoadFallback(settings.Path, environment.ContentRootPath), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <inheritdoc />
    /// <exception cref="QualificationPolicyFormatException">The file named by <see cref="QualificationPolicyOptions.Path"/> is not a valid policy.</exception>
    /// <exception cref="IOException">That file cannot be read.</exception>
    /// <exception cref="RequestFailedException">The first check of the policy blob failed (storage unreachable); the next call tries again.</exception>
    public async ValueTask<QualificationPolicy> GetPolicyAsync(CancellationToken cancellationToken = default)
    {
        if (_timeProvider.GetUtcNow().UtcTicks < Volatile.Read(ref _nextCheckAtTicks))
            return Volatile.Read(ref _served)!.Policy;

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = _timeProvider.GetUtcNow();
            if (now.UtcTicks >= _nextCheckAtTicks)
            {
                var fallback = _fallback.Value; // a broken file fails loudly, even while a blob would override it
                await RefreshAsync(fallback, cancellationToken);
                Serve(_fromBlob ?? fallback);
                Volatile.Write(ref _nextCheckAtTicks, (now + _refreshInterval).UtcTicks);
            }

            return _served!.Policy;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string BlobSource => $"blob {_blob.BlobContainerName}/{_blob.Name}";

    private async Task RefreshAsync(ServedPolicy fallback, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ETag == _blobETag)
            {
                _blobChecked = true;
                return;
            }

            var downloaded = (await _blob.DownloadContentAsync(cancellationToken)).Value;
            _blobETag = downloaded.Details.ETag;
            _blobChecked = true;
            _fromBlob = Parse(downloaded.Content, downloaded.Details.ETag, fallback) ?? _fromBlob;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No policy blob (or no config container yet): the file or the default applies.
            _fromBlob = null;
            _blobETag = null;
            _blobChecked = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var kept = _fromBlob ?? fallback;
            if (!_blobChecked)
            {
                _logger.LogWarning(StorageFailureLog.ExceptionOf(e), "Could not check {Source} for the qualification policy ({Failure}); nothing is served until it can be read",
                    BlobSource, StorageFailureLog.Summary(e));
                throw;
            }

            // Keep serving what we had; the next check tries again.
            _logger.LogWarning(StorageFailureLog.ExceptionOf(e), "Could not check {Source} for the qualification policy ({Failure}); keeping {Version} from {KeptSource}",
                BlobSource, StorageFailureLog.Summary(e), kept.Policy.Version, kept.Source);
        }
    }

    /// <summary>The downloaded policy, or null (logged) when it is not valid.</summary>
    private ServedPolicy? Parse(BinaryData content, ETag etag, ServedPolicy fallback)
    {
        try
        {
            // StreamReader drops a UTF-8 byte order mark, which editors on Windows like to write.
            using var reader = new StreamReader(content.ToStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return new ServedPolicy(QualificationPolicy.Parse(reader.ReadToEnd()), BlobSource);
        }
        catch (QualificationPolicyFormatException e)
        {
            var kept = _fromBlob ?? fallback;
            _logger.LogWarning(
                "Refused the qualification policy in {Source} (ETag {ETag}): invalid at {Path}: {Problem}; keeping {Version} from {KeptSource}",
                BlobSource, etag, e.Path, e.Problem, kept.Policy.Version, kept.Source);
            return null;
        }
    }

    private void Serve(ServedPolicy next)
    {
        if (ReferenceEquals(next, _served))
            return;
        _logger.LogInformation("Qualification policy {Version} from {Source}", next.Policy.Version, next.Source);
        Volatile.Write(ref _served, next);
    }

    private ServedPolicy LoadFallback(string? path, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(path))
            return new ServedPolicy(QualificationPolicy.Default, DefaultSource);

        var fullPath = Path.GetFullPath(path, contentRoot);
        try
        {
            return new ServedPolicy(QualificationPolicy.Parse(File.ReadAllText(fullPath)), $"file {fullPath}");
        }
        catch (QualificationPolicyFormatException e)
        {
            _logger.LogError("The qualification policy file {File} ({Setting}) is invalid at {Path}: {Problem}",
                fullPath, $"{QualificationPolicyOptions.SectionName}__Path", e.Path, e.Problem);
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "The qualification policy file {File} ({Setting}) cannot be read",
                fullPath, $"{QualificationPolicyOptions.SectionName}__Path");
            throw;
        }
    }

    private sealed record ServedPolicy(QualificationPolicy Policy, string Source);
}
