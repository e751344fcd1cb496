namespace LeadIntake.Application.Webhooks;

/// <summary>The signed hand-off webhook, bound from the <c>"Handoff"</c> section (<c>Handoff__WebhookUrl</c> as an app setting).</summary>
/// <remarks>
/// Off unless <see cref="WebhookUrl"/> is set. Validated at start-up (the function app's <c>HandoffWebhookOptionsValidator</c>):
/// the URL is absolute https (http only to a loopback host), the secret at least <see cref="MinimumSecretLength"/>
/// characters, the durations and the attempt count within their bounds. The URL and the secret are both secrets
/// (a Slack or Teams webhook URL grants posting by itself): neither is ever logged, nor echoed by a validation message.
/// </remarks>
public sealed class HandoffWebhookOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Handoff";

    /// <summary>Shortest accepted <see cref="WebhookSecret"/>, in characters.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>Longest accepted <see cref="WebhookTimeout"/>: well inside the function timeout of 5 minutes (host.json).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Longest wait between two attempts; also the largest accepted <see cref="WebhookRetryBaseDelay"/>.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>Largest accepted <see cref="WebhookMaxAttempts"/>.</summary>
    public const int MaxAttemptsLimit = 50;

    /// <summary>Where every sales hand-off is POSTed; empty (the default) turns the webhook off.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature, as text (its UTF-8 bytes are the key); required when <see cref="WebhookUrl"/> is set.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long one POST may take before it counts as failed. Default 10 s.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait after the first failed attempt; it doubles after each further one, up to <see cref="MaxRetryDelay"/>. Default 10 s.</summary>
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is given up to the host's retries and the poison queue. Default 8.</summary>
    public int WebhookMaxAttempts { get; set; } = 8;

    /// <summary>True when <see cref="WebhookUrl"/> is set.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(WebhookUrl);
}
