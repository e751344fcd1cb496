namespace LeadIntake.Domain.Enrichment;

/// <summary>What kind of mailbox a lead's email address is.</summary>
/// <remarks>Feature value codes: "corporate", "free_mail", "disposable", "role" (<see cref="EnrichmentCodes"/>).</remarks>
public enum EmailClass
{
    /// <summary>A person's address at a company domain.</summary>
    Corporate,

    /// <summary>A free personal provider (gmail.com, outlook.com, gmx.de, …).</summary>
    FreeMail,

    /// <summary>A throw-away provider (mailinator.com, 10minutemail.com, …).</summary>
    Disposable,

    /// <summary>A shared role mailbox at a company domain (info@, sales@, noreply@, …).</summary>
    Role,
}
