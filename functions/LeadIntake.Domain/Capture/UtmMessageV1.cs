namespace LeadIntake.Domain.Capture;

/// <summary>The JSON shape of <see cref="UtmParameters"/> inside a version-1 message.</summary>
internal sealed class UtmMessageV1
{
    public string? Source { get; set; }

    public string? Medium { get; set; }

    public string? Campaign { get; set; }

    public string? Term { get; set; }

    public string? Content { get; set; }

    public string? Gclid { get; set; }

    public string? Fbclid { get; set; }
}
