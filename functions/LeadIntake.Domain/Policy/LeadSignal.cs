namespace LeadIntake.Domain.Policy;

/// <summary>A fact about a lead that qualification and disqualification rules can name.</summary>
/// <remarks>Written in the policy file as the snake_case codes of <see cref="LeadSignalCodes"/>.</remarks>
public enum LeadSignal
{
    /// <summary>The lead ticked "contact me" on a form ("contact_requested").</summary>
    ContactRequested,

    /// <summary>The lead agreed to marketing email ("consent_marketing").</summary>
    ConsentMarketing,

    /// <summary>The email is at a company domain ("corporate_email").</summary>
    CorporateEmail,

    /// <summary>The email is at a free mail provider ("free_mail").</summary>
    FreeMail,

    /// <summary>The email is a shared role mailbox such as info@ ("role_address").</summary>
    RoleAddress,

    /// <summary>The email is at a disposable mail provider ("disposable_email").</summary>
    DisposableEmail,

    /// <summary>The email's domain is one of the policy's competitor domains ("competitor_domain").</summary>
    CompetitorDomain,

    /// <summary>The email's domain ends with one of the policy's student suffixes ("student_domain").</summary>
    StudentDomain,

    /// <summary>The lead unsubscribed: its latest unsubscribe event is later than its latest consent ("unsubscribed").</summary>
    Unsubscribed,

    /// <summary>Mail to the lead hard-bounced ("hard_bounced").</summary>
    HardBounced,
}

/// <summary>The codes under which <see cref="LeadSignal"/>s are written in the policy file.</summary>
public static class LeadSignalCodes
{
    private static readonly CodeTable<LeadSignal> _table = new([
        (LeadSignal.ContactRequested, "contact_requested"),
        (LeadSignal.ConsentMarketing, "consent_marketing"),
        (LeadSignal.CorporateEmail, "corporate_email"),
        (LeadSignal.FreeMail, "free_mail"),
        (LeadSignal.RoleAddress, "role_address"),
        (LeadSignal.DisposableEmail, "disposable_email"),
        (LeadSignal.CompetitorDomain, "competitor_domain"),
        (LeadSignal.StudentDomain, "student_domain"),
        (LeadSignal.Unsubscribed, "unsubscribed"),
        (LeadSignal.HardBounced, "hard_bounced"),
    ]);

    /// <summary>Every code, in declaration order.</summary>
    public static IReadOnlyList<string> All => _table.All;

    /// <summary>The code of <paramref name="value"/>.</summary>
    public static string ToCode(LeadSignal value) => _table.ToCode(value);

    /// <summary>Parses a code (exact); false when it is not one.</summary>
    public static bool TryParse(string? code, out LeadSignal value) => _table.TryParse(code, out value);
}
