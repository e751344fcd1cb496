using LeadIntake.Domain.Enrichment;

namespace LeadIntake.Domain.Tests.Enrichment;

public class JobSeniorityClassifierTests
{
    [Theory]
    [InlineData(null, JobSeniority.Unknown)]
    [InlineData("  ", JobSeniority.Unknown)]
    [InlineData("CEO", JobSeniority.CLevel)]
    [InlineData("Chief Marketing Officer", JobSeniority.CLevel)]
    [InlineData("Co-Founder & CTO", JobSeniority.CLevel)]
    [InlineData("Owner", JobSeniority.CLevel)]
    [InlineData("President", JobSeniority.CLevel)]
    [InlineData("Geschäftsführer", JobSeniority.CLevel)]
    [InlineData("Vice President, Sales", JobSeniority.VicePresident)]   // not "president"
    [InlineData("SVP Engineering", JobSeniority.VicePresident)]
    [InlineData("VP of Marketing", JobSeniority.VicePresident)]
    [InlineData("Director of Demand Generation", JobSeniority.Director)]
    [InlineData("Managing Director", JobSeniority.Director)]
    [InlineData("Head of Growth", JobSeniority.Director)]
    [InlineData("Marketing Manager", JobSeniority.Manager)]
    [InlineData("Team Lead Data", JobSeniority.Manager)]
    [InlineData("Product Owner", JobSeniority.Individual)]              // "owner" of a backlog, not of the company
    [InlineData("Software Engineer", JobSeniority.Individual)]
    [InlineData("Directory Services Admin", JobSeniority.Individual)]   // whole words only: "directory" ≠ "director"
    [InlineData("Marketing Intern", JobSeniority.Student)]
    [InlineData("PhD Student", JobSeniority.Student)]
    [InlineData("Werkstudent Vertrieb", JobSeniority.Student)]
    public void Classify_Table(string? title, JobSeniority expected)
    {
        Assert.Equal(expected, JobSeniorityClassifier.Classify(title));
    }

    [Theory]
    [InlineData(JobSeniority.CLevel, "c_level")]
    [InlineData(JobSeniority.VicePresident, "vp")]
    [InlineData(JobSeniority.Director, "director")]
    [InlineData(JobSeniority.Manager, "manager")]
    [InlineData(JobSeniority.Individual, "individual")]
    [InlineData(JobSeniority.Student, "student")]
    [InlineData(JobSeniority.Unknown, "unknown")]
    public void ToCode_StableSnakeCase(JobSeniority value, string code)
    {
        Assert.Equal(code, EnrichmentCodes.ToCode(value));
    }
}
