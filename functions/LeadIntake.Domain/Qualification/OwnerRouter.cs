using System.Security.Cryptography;
using System.Text;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;

namespace LeadIntake.Domain.Qualification;

/// <summary>Picks the sales owner of a handed-over lead.</summary>
/// <remarks>
/// An even split is decided by the lead id (SHA-256 of it, modulo the owner count), not by a shared counter: a retried or
/// redelivered hand-off picks the same owner, with no counter row to contend on, and owners still get an even share.
/// </remarks>
public static class OwnerRouter
{
    /// <summary>The owner of <paramref name="lead"/> under <paramref name="routing"/>, or null when none is assigned.</summary>
    public static string? OwnerFor(Lead lead, OwnerRouting routing)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(routing);
        switch (routing.Mode)
        {
            case RoutingMode.Even when routing.Owners.Count > 0:
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes(lead.LeadId));
                return routing.Owners[(int)(BitConverter.ToUInt32(hash, 0) % (uint)routing.Owners.Count)];
            case RoutingMode.ByCountry:
                var country = lead.Country?.Trim();
                var match = routing.ByCountry.FirstOrDefault(pair => string.Equals(pair.Key, country, StringComparison.OrdinalIgnoreCase));
                return match.Value ?? routing.DefaultOwner;
            default:
                return null;
        }
    }
}
