using LeadIntake.Domain.Capture;

namespace LeadIntake.Application.PersonalData;

/// <summary>The person an erasure or access request names: the normalised email and the lead id it maps to.</summary>
/// <param name="LeadId">The keyed hash of the email (<see cref="LeadIdentity.LeadIdFor"/>): the only name logs may carry.</param>
/// <param name="Email">The email as capture normalises it (<see cref="EmailAddress.TryNormalise"/>).</param>
public sealed record DataSubject(string LeadId, string Email)
{
    /// <summary>
    /// The subject of <paramref name="email"/>, normalised exactly as capture normalises a posted address, so a request
    /// reaches the lead capture made whatever the case or surrounding spaces; null with <paramref name="error"/> when it is
    /// not an address capture would accept.
    /// </summary>
    public static DataSubject? From(string? email, LeadIdentity identity, out string error)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!EmailAddress.TryNormalise(email, LeadCaptureLimits.Default.MaxEmailLength, out var normalised, out error))
            return null;
        return new DataSubject(identity.LeadIdFor(normalised), normalised);
    }
}
