using LeadIntake.Application.Capture;
using LeadIntake.Domain.Forms;
using LeadIntake.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Forms;

/// <summary>Serves the form registry: the Forms table over the built-in default form, read again every <see cref="LeadCaptureOptions.FormsRefreshInterval"/>.</summary>
/// <remarks>
/// One caller at a time reloads; the others keep the registry they had. When a reload fails (storage unreachable) the last
/// registry keeps serving and the next call after the interval tries again; only the very first load, with nothing known,
/// throws the storage error (capture then answers 503 + Retry-After instead of judging a page by settings that may be
/// wrong). Values that do not parse are logged once per change of the problems, as warnings naming form and column.
/// Thread-safe.
/// </remarks>
public sealed class FormRegistryProvider(
    IFormSettingsSource source, TimeProvider timeProvider, IOptions<LeadCaptureOptions> options, ILogger<FormRegistryProvider> logger)
    : IFormRegistryProvider
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LandingForm _builtIn = options.Value.BuiltInForm();
    private readonly TimeSpan _refreshInterval = options.Value.FormsRefreshInterval;
    private FormRegistry? _served;
    private long _nextLoadAtTicks;
    private string _loggedProblems = "";

    /// <inheritdoc />
    public async ValueTask<FormRegistry> GetAsync(CancellationToken cancellationToken)
    {
        var served = Volatile.Read(ref _served);
        if (served is not null && timeProvider.GetUtcNow().UtcTicks < Volatile.Read(ref _nextLoadAtTicks))
            return served;
        if (served is not null && !await _gate.WaitAsync(0, cancellationToken))
            return served; // another request is reloading

        if (served is null)
            await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _served) is { } loaded && timeProvider.GetUtcNow().UtcTicks < _nextLoadAtTicks)
                return loaded;
            try
            {
                var registry = new FormRegistry(_builtIn, await source.LoadAsync(cancellationToken));
                LogProblems(registry);
                Volatile.Write(ref _served, registry);
            }
            catch (Exception e) when (_served is not null && e is not OperationCanceledException)
            {
                logger.LogWarning("The Forms table could not be read ({Message}); the forms loaded before keep serving", e.Message);
            }

            Volatile.Write(ref _nextLoadAtTicks, (timeProvider.GetUtcNow() + _refreshInterval).UtcTicks);
            return _served!;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void LogProblems(FormRegistry registry)
    {
        var problems = string.Join("\n", registry.Problems);
        if (problems == _loggedProblems)
            return;
        _loggedProblems = problems;
        foreach (var problem in registry.Problems)
            logger.LogWarning("Forms table: {Problem}", problem);
    }
}
