namespace LeadIntake.Domain.Capture;

/// <summary>Campaign tracking parameters of a submission (utm_* and ad click ids).</summary>
/// <remarks>Source and medium are lower-cased at capture so "Google" and "google" group together.</remarks>
public sealed record UtmParameters(
    string? Source,
    string? Medium,
    string? Campaign,
    string? Term,
    string? Content,
    string? Gclid,
    string? Fbclid)
{
    /// <summary>No tracking parameters at all.</summary>
    public static UtmParameters None { get; } = new(null, null, null, null, null, null, null);

    /// <summary>True when no parameter is set.</summary>
    public bool IsEmpty => this == None;
}
