using LeadIntake.Domain.Forms;
using Microsoft.Extensions.Options;

namespace LeadIntake.Functions.Hosting;

/// <summary>Start-up validation of <see cref="LeadCaptureOptions"/>.</summary>
public sealed class LeadCaptureOptionsValidator : IValidateOptions<LeadCaptureOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LeadCaptureOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.IdentitySecret))
            failures.Add($"{LeadCaptureOptions.SectionName}:IdentitySecret is required (base64 or text, at least {LeadCaptureOptions.MinimumSecretBytes} bytes).");
        else if (options.GetIdentitySecretBytes().Length < LeadCaptureOptions.MinimumSecretBytes)
            failures.Add($"{LeadCaptureOptions.SectionName}:IdentitySecret must hold at least {LeadCaptureOptions.MinimumSecretBytes} bytes.");

        if (options.MaxBodyBytes is < 1024 or > 48 * 1024)
            failures.Add($"{LeadCaptureOptions.SectionName}:MaxBodyBytes must be between 1024 and 49152 (a queue message holds 64 KiB after base64).");
        if (options.RetryAfterSeconds < 1)
            failures.Add($"{LeadCaptureOptions.SectionName}:RetryAfterSeconds must be at least 1.");

        if (options.MaxPerAddressPerHour < 1 || options.MaxPerFormPerMinute < 1)
            failures.Add($"{LeadCaptureOptions.SectionName}:MaxPerAddressPerHour and MaxPerFormPerMinute must be at least 1.");
        if (options.FormsRefreshInterval < TimeSpan.Zero)
            failures.Add($"{LeadCaptureOptions.SectionName}:FormsRefreshInterval must not be negative.");
        foreach (var origin in options.AllowedOrigins)
        {
            if (FormRegistry.NormaliseOrigin(origin) is null)
                failures.Add($"{LeadCaptureOptions.SectionName}:AllowedOrigins entry '{origin}' is not an origin such as https://example.com.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
