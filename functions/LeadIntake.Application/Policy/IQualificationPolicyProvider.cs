using LeadIntake.Domain.Policy;

namespace LeadIntake.Application.Policy;

/// <summary>Supplies the qualification policy in force now.</summary>
public interface IQualificationPolicyProvider
{
    /// <summary>The policy in force now.</summary>
    ValueTask<QualificationPolicy> GetPolicyAsync(CancellationToken cancellationToken = default);
}
