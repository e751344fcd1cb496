using System.Globalization;
using System.Text.Json;

namespace LeadIntake.Functions.Hosting;

/// <summary>The queue-trigger settings of host.json (<c>extensions.queues</c>), read by the local listener.</summary>
/// <remarks>
/// host.json is the one place these live: the Functions host applies them in Azure and <see cref="LocalQueueListener"/>
/// applies the same values locally. Missing values take the queue extension's defaults, except
/// <see cref="MaxPollingInterval"/>, which defaults to 1 s locally (the host's 1 min would delay a first lead).
/// </remarks>
public sealed record QueueTriggerSettings(
    int MaxDequeueCount,
    TimeSpan VisibilityTimeout,
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval)
{
    /// <summary>File name of the Functions host configuration.</summary>
    public const string HostJsonFileName = "host.json";

    /// <summary>How long a received message stays invisible while one attempt runs (the host holds 10 min and renews).</summary>
    public static readonly TimeSpan ProcessingLease = TimeSpan.FromMinutes(5);

    /// <summary>The queue extension's defaults (local polling cap 1 s).</summary>
    public static QueueTriggerSettings Default { get; } = new(5, TimeSpan.Zero, 16, 8, TimeSpan.FromSeconds(1));

    /// <summary>Reads <c>extensions.queues</c> from host.json text; absent keys keep <see cref="Default"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="InvalidOperationException">A value is out of the range the host accepts.</exception>
    public static QueueTriggerSettings Parse(string hostJson)
    {
        using var document = JsonDocument.Parse(hostJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var settings = Default;
        if (!document.RootElement.TryGetProperty("extensions", out var extensions)
            || !extensions.TryGetProperty("queues", out var queues))
            return settings;

        var batchSize = TryInt(queues, "batchSize") ?? settings.BatchSize;
        settings = settings with
        {
            MaxDequeueCount = TryInt(queues, "maxDequeueCount") ?? settings.MaxDequeueCount,
            VisibilityTimeout = TryTimeSpan(queues, "visibilityTimeout") ?? settings.VisibilityTimeout,
            BatchSize = batchSize,
            NewBatchThreshold = TryInt(queues, "newBatchThreshold") ?? Math.Max(1, batchSize / 2),
            MaxPollingInterval = TryTimeSpan(queues, "maxPollingInterval") ?? settings.MaxPollingInterval,
        };

        if (settings.MaxDequeueCount < 1)
            throw new InvalidOperationException("host.json extensions.queues.maxDequeueCount must be at least 1.");
        if (settings.BatchSize is < 1 or > 32)
            throw new InvalidOperationException("host.json extensions.queues.batchSize must be between 1 and 32.");
        if (settings.MaxPollingInterval < TimeSpan.FromMilliseconds(100))
            throw new InvalidOperationException("host.json extensions.queues.maxPollingInterval must be at least 100 ms.");
        return settings;
    }

    /// <summary>Reads host.json from the app's directory or the one above it (the published layout), else <see cref="Default"/>.</summary>
    public static QueueTriggerSettings Load(string baseDirectory)
    {
        foreach (var directory in new[] { baseDirectory, Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(baseDirectory)) })
        {
            if (directory is null)
                continue;
            var path = Path.Combine(directory, HostJsonFileName);
            if (File.Exists(path))
                return Parse(File.ReadAllText(path));
        }

        return Default;
    }

    private static int? TryInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static TimeSpan? TryTimeSpan(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : null;
}
