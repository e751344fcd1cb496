namespace LeadIntake.Domain.Capture;

/// <summary>How a known field's value is cleaned and checked.</summary>
internal enum LeadFieldKind
{
    SingleLine,
    MultiLine,
    Email,
    Phone,
    Url,
    Flag,
    Tracking,
}
