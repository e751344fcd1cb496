namespace LeadIntake.Domain.Enrichment;

/// <summary>Seniority derived from a job title.</summary>
/// <remarks>Feature value codes: "c_level", "vp", "director", "manager", "individual", "student", "unknown".</remarks>
public enum JobSeniority
{
    /// <summary>No title given.</summary>
    Unknown,

    /// <summary>Student, intern, trainee.</summary>
    Student,

    /// <summary>Any other title: an individual contributor.</summary>
    Individual,

    /// <summary>Manager, team lead, supervisor.</summary>
    Manager,

    /// <summary>Director or head of a function.</summary>
    Director,

    /// <summary>Vice president (VP, SVP, EVP).</summary>
    VicePresident,

    /// <summary>Chief officers, founders, owners, presidents.</summary>
    CLevel,
}
