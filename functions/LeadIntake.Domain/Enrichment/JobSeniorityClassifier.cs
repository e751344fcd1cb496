namespace LeadIntake.Domain.Enrichment;

/// <summary>Derives <see cref="JobSeniority"/> from a free-text job title (English and common German titles).</summary>
/// <remarks>
/// Checked from the most specific signal down: student words, then VP (before "president"), C-level (not
/// "product owner"), director or head, manager or lead; any other non-empty title is an individual contributor.
/// </remarks>
public static class JobSeniorityClassifier
{
    private static readonly string[] _student = ["student", "intern", "internship", "trainee", "apprentice", "werkstudent", "praktikant", "azubi", "phd candidate"];
    private static readonly string[] _vicePresident = ["vp", "svp", "evp", "avp", "vice president", "vice-president"];
    private static readonly string[] _cLevel =
    [
        "ceo", "cto", "cfo", "coo", "cmo", "cio", "ciso", "cro", "cpo", "cdo", "chief", "founder", "co-founder", "cofounder",
        "owner", "president", "partner", "managing partner", "geschäftsführer", "geschaftsfuhrer", "inhaber", "vorstand",
    ];

    // Agile and process roles that merely contain "owner".
    private static readonly string[] _notCLevel = ["product owner", "process owner", "business owner", "data owner"];
    private static readonly string[] _director = ["director", "head", "managing director", "leiter", "leiterin", "bereichsleiter"];
    private static readonly string[] _manager = ["manager", "management", "lead", "team lead", "teamlead", "supervisor", "teamleiter"];

    /// <summary>Classifies <paramref name="jobTitle"/>; <see cref="JobSeniority.Unknown"/> when empty.</summary>
    public static JobSeniority Classify(string? jobTitle)
    {
        if (string.IsNullOrWhiteSpace(jobTitle))
        {
            return JobSeniority.Unknown;
        }

        // Whole words only: "cto" must not match "director", "lead" must not match "leader board".
        var words = " " + string.Join(' ', jobTitle.ToLowerInvariant()
            .Split([' ', ',', '/', '&', '(', ')', '|', ';', ':', '.'], StringSplitOptions.RemoveEmptyEntries)) + " ";
        bool Has(string[] terms) => terms.Any(t => words.Contains(" " + t + " ", StringComparison.Ordinal));

        return Has(_student) ? JobSeniority.Student
            : Has(_vicePresident) ? JobSeniority.VicePresident
            : Has(_cLevel) && !Has(_notCLevel) ? JobSeniority.CLevel
            : Has(_director) ? JobSeniority.Director
            : Has(_manager) ? JobSeniority.Manager
            : JobSeniority.Individual;
    }
}
