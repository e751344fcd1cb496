using LeadIntake.Domain.Capture;
using LeadIntake.Domain.Enrichment;
using LeadIntake.Domain.Leads;
using LeadIntake.Domain.Policy;

namespace LeadIntake.Domain.Qualification;

/// <summary>Which <see cref="LeadSignal"/>s hold for a lead under a policy.</summary>
public static class LeadSignals
{
    /// <summary>The signals of <paramref name="lead"/>.</summary>
    /// <remarks>
    /// Unsubscribed holds when the latest unsubscribe is later than the latest "yes" to marketing consent (a lead who opts in
    /// again is no longer unsubscribed); while it holds, ConsentMarketing does not (the unsubscribe withdrew the consent). Competitor and student domains are matched on the email's domain: a suffix
    /// <c>.edu</c> matches <c>mit.edu</c> and <c>cs.mit.edu</c>.
    /// </remarks>
    public static IReadOnlySet<LeadSignal> Of(Lead lead, QualificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(policy);
        var signals = new HashSet<LeadSignal>();
        if (lead.ContactRequested)
            signals.Add(LeadSignal.ContactRequested);
        var unsubscribed = lead.IsUnsubscribed;
        // Consent withdrawn by an unsubscribe no longer counts, even on a lead stored before the withdrawal cleared the flag.
        if (lead.ConsentMarketing && !unsubscribed)
            signals.Add(LeadSignal.ConsentMarketing);
        signals.Add(lead.EmailClass switch
        {
            EmailClass.Corporate => LeadSignal.CorporateEmail,
            EmailClass.FreeMail => LeadSignal.FreeMail,
            EmailClass.Role => LeadSignal.RoleAddress,
            _ => LeadSignal.DisposableEmail,
        });

        var domain = lead.EmailDomain?.ToLowerInvariant();
        if (domain is not null && (policy.CompetitorDomains.Contains(domain) || (lead.CompanyDomain is { } company && policy.CompetitorDomains.Contains(company.ToLowerInvariant()))))
            signals.Add(LeadSignal.CompetitorDomain);
        if (domain is not null && policy.StudentDomainSuffixes.Any(suffix => ("." + domain).EndsWith(suffix.StartsWith('.') ? suffix : "." + suffix, StringComparison.Ordinal)))
            signals.Add(LeadSignal.StudentDomain);

        if (unsubscribed)
            signals.Add(LeadSignal.Unsubscribed);
        if (lead.HardBouncedAt is not null)
            signals.Add(LeadSignal.HardBounced);
        return signals;
    }
}
