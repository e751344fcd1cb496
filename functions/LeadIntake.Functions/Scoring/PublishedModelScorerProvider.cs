using Azure;
using Azure.Storage.Blobs;
using LeadIntake.Domain.Scoring;
using LeadIntake.Functions.Hosting;
using LeadIntake.Scoring;
using LeadIntake.Storage.Models;
using Microsoft.Extensions.Options;

using LeadIntake.Application.Scoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Scoring;

/// <summary>
/// Serves the trained model published in blob storage (the <c>models/current</c> pointer), hot-reloaded when the
/// pointer changes; until one is published, or when the published one cannot be used, the points model.
/// </summary>
/// <remarks>
/// The pointer (a small blob) is checked at most once per <see cref="ScoringOptions.ModelRefreshInterval"/>; the
/// model is downloaded only when the pointer's ETag changed. A model whose features are not the lead's intake
/// features (<see cref="LeadFeatureNames"/>), or that fails to load, is logged and skipped and the previous model keeps
/// serving: a bad publish never stops processing. When a lead qualifies is the qualification policy's business. Thread-safe.
/// </remarks>
public sealed class PublishedModelScorerProvider(
    PointsScorerProvider points,
    BlobServiceClient blobs,
    TimeProvider timeProvider,
    IOptions<ScoringOptions> options,
    ILogger<PublishedModelScorerProvider> logger) : IScorerProvider
{
    private readonly ModelRegistry _registry = new(blobs, timeProvider);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ILeadScorer? _published;
    private ETag? _pointerETag;
    private long _nextCheckAtTicks;

    /// <inheritdoc />
    public async ValueTask<ILeadScorer> GetScorerAsync(CancellationToken cancellationToken = default)
    {
        if (timeProvider.GetUtcNow().UtcTicks < Volatile.Read(ref _nextCheckAtTicks))
            return _published ?? await points.GetScorerAsync(cancellationToken);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (now.UtcTicks >= _nextCheckAtTicks)
            {
                await RefreshAsync(cancellationToken);
                Volatile.Write(ref _nextCheckAtTicks, (now + options.Value.ModelRefreshInterval).UtcTicks);
            }

            return _published ?? await points.GetScorerAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pointer = await _registry.GetCurrentPointerAsync(cancellationToken);
            if (pointer is null)
            {
                _published = null;
                _pointerETag = null;
                return;
            }

            if (pointer.ETag == _pointerETag)
                return;

            var current = await _registry.DownloadCurrentAsync([LeadModel.ModelFileName, LeadModel.CardFileName], cancellationToken);
            _pointerETag = current?.PointerETag; // a bad model is not retried until the pointer moves again
            _published = current is null ? null : Load(current);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep serving what we had; the next check tries again.
            logger.LogWarning(StorageFailureLog.ExceptionOf(e), "Could not load the published scoring model ({Failure}); keeping {Version}",
                StorageFailureLog.Summary(e), _published is null ? "the points model" : "the current model");
        }
    }

    /// <summary>Loads the downloaded folder; a model needing features the pipeline does not produce is refused before ML.NET reads it.</summary>
    /// <exception cref="InvalidDataException">The card or model.zip is invalid, or they do not match.</exception>
    private ILeadScorer? Load(CurrentModel current)
    {
        var card = ModelCard.Read(current.Files[LeadModel.CardFileName].ToString());
        var unknown = card.Features.Names.Where(name => !LeadFeatureNames.IsKnown(name)).ToList();
        if (unknown.Count > 0)
        {
            logger.LogWarning(
                "Published model {Version} needs features the intake pipeline does not produce ({Unknown}); keeping {Current}",
                card.ModelVersion, string.Join(", ", unknown), _published is null ? "the points model" : "the current model");
            return _published;
        }

        using var zip = current.Files[LeadModel.ModelFileName].ToStream();
        var model = LeadModel.Load(zip, card);
        logger.LogInformation("Scoring with published model {Version}", card.ModelVersion);
        return new TrainedModelScorer(model);
    }
}
