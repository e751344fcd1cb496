using LeadIntake.Application.Webhooks;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Hosting;

/// <summary>Start-up validation of <see cref="HandoffWebhookOptions"/>; messages name the setting, never its value (the URL and secret are secrets).</summary>
public sealed class HandoffWebhookOptionsValidator : IValidateOptions<HandoffWebhookOptions>
{
    private const string Section = HandoffWebhookOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HandoffWebhookOptions options)
    {
        var failures = new List<string>();
        if (options.IsEnabled)
        {
            if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                failures.Add($"{Section}:WebhookUrl must be an absolute https URL, such as https://crm.example.com/hooks/leadintake.");
            else if (url.Scheme == "http" && !url.IsLoopback)
                failures.Add($"{Section}:WebhookUrl must use https; http is accepted only for a loopback host (localhost, 127.0.0.1, [::1]).");
            else if (!string.IsNullOrEmpty(url.UserInfo))
                failures.Add($"{Section}:WebhookUrl must not hold a user name or password; receivers authenticate the request by its signature.");

            if (string.IsNullOrEmpty(options.WebhookSecret))
                failures.Add($"{Section}:WebhookSecret is required when {Section}:WebhookUrl is set (at least {HandoffWebhookOptions.MinimumSecretLength} characters).");
            else if (options.WebhookSecret.Length < HandoffWebhookOptions.MinimumSecretLength)
                failures.Add($"{Section}:WebhookSecret must be at least {HandoffWebhookOptions.MinimumSecretLength} characters.");
        }

        if (options.WebhookTimeout <= TimeSpan.Zero || options.WebhookTimeout > HandoffWebhookOptions.MaxTimeout)
            failures.Add($"{Section}:WebhookTimeout must be more than 0 and at most {HandoffWebhookOptions.MaxTimeout:c}.");
        if (options.WebhookRetryBaseDelay < TimeSpan.Zero || options.WebhookRetryBaseDelay > HandoffWebhookOptions.MaxRetryDelay)
            failures.Add($"{Section}:WebhookRetryBaseDelay must be between 00:00:00 and {HandoffWebhookOptions.MaxRetryDelay:c}.");
        if (options.WebhookMaxAttempts is < 1 or > HandoffWebhookOptions.MaxAttemptsLimit)
            failures.Add($"{Section}:WebhookMaxAttempts must be between 1 and {HandoffWebhookOptions.MaxAttemptsLimit}.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
