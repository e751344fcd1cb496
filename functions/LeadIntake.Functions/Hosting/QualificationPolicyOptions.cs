using LeadIntake.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>Where the qualification policy comes from, bound from the <c>"QualificationPolicy"</c> section.</summary>
/// <remarks>
/// Precedence: the blob <c>config/qualification-policy.json</c> (<see cref="StorageNames.ConfigContainer"/>,
/// <see cref="StorageNames.QualificationPolicyBlob"/>) when it exists, else the file at <see cref="Path"/> when set,
/// else the built-in default.
/// </remarks>
public sealed class QualificationPolicyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "QualificationPolicy";

    /// <summary>Path of a policy JSON file used when no policy blob exists; when empty, the built-in default is used.</summary>
    /// <remarks>A relative path is resolved against the app's content root. Read once, on first use; an invalid file fails every use until fixed.</remarks>
    public string? Path { get; set; }

    /// <summary>How often the policy blob is checked for a new version. Default 30 s; zero checks on every use.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
