using LeadIntake.Domain.Policy;

namespace LeadIntake.Application.Policy;

/// <summary>Supplies the qualification policy in force: the one seam between the use cases and where the policy is kept.</summary>
/// <remarks>
/// The function app's provider serves the policy published to blob storage, hot-reloaded, else the configured file,
/// else <see cref="QualificationPolicy.Default"/>. A use case asks once per message and records the policy's
/// <see cref="QualificationPolicy.Version"/> with every decision it makes from it.
/// </remarks>
public interface IQualificationPolicyProvider
{
    /// <summary>The policy in force now.</summary>
    /// <param name="cancellationToken">Cancels a refresh that is under way.</param>
    ValueTask<QualificationPolicy> GetPolicyAsync(CancellationToken cancellationToken = default);
}
