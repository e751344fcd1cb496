using LeadIntake.Domain.Scoring;
using LeadIntake.Functions.Hosting;
using Microsoft.Extensions.Options;

using LeadIntake.Application.Scoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.Scoring;

/// <summary>Serves the points model: the file named by <see cref="ScoringOptions.PointsModelPath"/>, else the built-in one.</summary>
/// <remarks>
/// The file is read once, on first use, so a broken file fails the first processed message (and is logged) rather
/// than the host's readiness ping; it is re-read after a failure. Thread-safe.
/// </remarks>
public sealed class PointsScorerProvider(IOptions<ScoringOptions> options, IHostEnvironment environment, ILogger<PointsScorerProvider> logger)
    : IScorerProvider
{
    private readonly Lazy<ILeadScorer> _scorer = new(() => Load(options.Value, environment, logger), LazyThreadSafetyMode.PublicationOnly);

    /// <inheritdoc />
    /// <exception cref="ScoringModelFormatException">The configured file is not a valid points model.</exception>
    /// <exception cref="IOException">The configured file cannot be read.</exception>
    public ValueTask<ILeadScorer> GetScorerAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_scorer.Value);

    private static ILeadScorer Load(ScoringOptions options, IHostEnvironment environment, ILogger logger)
    {
        var model = PointsScoringModel.Default;
        if (!string.IsNullOrWhiteSpace(options.PointsModelPath))
        {
            var path = Path.GetFullPath(options.PointsModelPath, environment.ContentRootPath);
            model = PointsScoringModel.Parse(File.ReadAllText(path));
            logger.LogInformation("Scoring with points model {Version} from {Path}", model.Version, path);
        }
        else
        {
            logger.LogInformation("Scoring with the built-in points model {Version}", model.Version);
        }

        return model;
    }
}
