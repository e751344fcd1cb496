namespace LeadIntake.Domain.Capture;

/// <summary>A field the pipeline understands: canonical name, label for error messages, kind and length limit.</summary>
internal sealed record LeadFormField(string Name, string Label, LeadFieldKind Kind, Func<LeadCaptureLimits, int> MaxLength);
