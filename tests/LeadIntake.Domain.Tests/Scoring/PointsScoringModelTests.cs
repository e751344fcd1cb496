using LeadIntake.Domain.Scoring;

namespace LeadIntake.Domain.Tests.Scoring;

public partial class PointsScoringModelTests
{
    private const string Corporate = "corporate";

    private static LeadFeatures Features(params (string Name, object? Value)[] values) =>
        LeadFeatures.FromValues(values.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Default_LoadsEmbeddedPointsV1()
    {
        var model = PointsScoringModel.Default;

        Assert.Equal("points-v1", model.Version);
        Assert.Equal(new GradeCutoffs(70, 45, 25), model.Grades);
        Assert.Equal(17, model.Rules.Count);
        Assert.Equal(model.Version, PointsScoringModel.Parse(PointsScoringModel.DefaultJson).Version);
    }

    public static TheoryData<string, (string, object?)[], int, string> DefaultModelCases() => new()
    {
        // name, features, expected score (sum of points-v1 rules, clamped 0–100), expected grade (A ≥ 70, B ≥ 45, C ≥ 25).
        { "corporate only: +10", [(LeadFeatureNames.EmailClass, Corporate)], 10, "D" },
        { "free mail: −5, clamped to 0", [(LeadFeatureNames.EmailClass, "free_mail")], 0, "D" },
        { "disposable −30 + contact request +30", [(LeadFeatureNames.EmailClass, "disposable"), (LeadFeatureNames.ContactRequested, 1d)], 0, "D" },
        {
            "corporate 10 + contact 30 + phone 10 + company 5 + director 15 = 70",
            [(LeadFeatureNames.EmailClass, Corporate), (LeadFeatureNames.ContactRequested, 1d), (LeadFeatureNames.HasPhone, 1d),
             (LeadFeatureNames.HasCompany, 1d), (LeadFeatureNames.JobSeniority, "director")],
            70, "A"
        },
        {
            "corporate 10 + vp 20 + company 5 + phone 10 = 45",
            [(LeadFeatureNames.EmailClass, Corporate), (LeadFeatureNames.JobSeniority, "vp"), (LeadFeatureNames.HasCompany, 1d), (LeadFeatureNames.HasPhone, 1d)],
            45, "B"
        },
        {
            "corporate 10 + manager 8 + consent 3 + company 5 = 26",
            [(LeadFeatureNames.EmailClass, Corporate), (LeadFeatureNames.JobSeniority, "manager"), (LeadFeatureNames.ConsentMarketing, 1d), (LeadFeatureNames.HasCompany, 1d)],
            26, "C"
        },
        { "corporate 10 + message of 79 chars (needs 80): 10", [(LeadFeatureNames.EmailClass, Corporate), (LeadFeatureNames.MessageLength, 79d)], 10, "D" },
        { "corporate 10 + message of 80 chars +5 = 15", [(LeadFeatureNames.EmailClass, Corporate), (LeadFeatureNames.MessageLength, 80d)], 15, "D" },
        { "second submission: +10", [(LeadFeatureNames.SubmissionCount, 2d)], 10, "D" },
        { "fourth submission: +10 +5", [(LeadFeatureNames.SubmissionCount, 4d)], 15, "D" },
        { "form id matched case-insensitively: corporate 10 + demo form 20", [(LeadFeatureNames.EmailClass, Corporate), (LeadFeatureNames.FormId, "Demo-Request")], 30, "C" },
        { "student −15 + paid search +5, clamped to 0", [(LeadFeatureNames.JobSeniority, "student"), (LeadFeatureNames.Channel, "paid_search")], 0, "D" },
        {
            "everything: 10+30+20+20+5+10+5+10+5+3+5 = 123, clamped to 100",
            [(LeadFeatureNames.EmailClass, Corporate), (LeadFeatureNames.ContactRequested, 1d), (LeadFeatureNames.FormId, "demo"),
             (LeadFeatureNames.JobSeniority, "c_level"), (LeadFeatureNames.HasCompany, 1d), (LeadFeatureNames.HasPhone, 1d),
             (LeadFeatureNames.MessageLength, 200d), (LeadFeatureNames.SubmissionCount, 5d), (LeadFeatureNames.ConsentMarketing, 1d),
             (LeadFeatureNames.Channel, "paid_search")],
            100, "A"
        },
    };

    [Theory]
    [MemberData(nameof(DefaultModelCases))]
    public void Score_DefaultModel_Table(string name, (string, object?)[] features, int expectedScore, string expectedGrade)
    {
        var score = PointsScoringModel.Default.Score(Features(features));

        Assert.True(expectedScore == score.Score, $"{name}: expected {expectedScore}, got {score.Score}");
        Assert.Equal(expectedGrade, score.Grade);
        Assert.Null(score.Probability);   // points are not a chance of conversion
        Assert.Equal("points-v1", score.ModelVersion);
    }

    [Fact]
    public void Score_Reasons_MatchedRulesLargestFirstWithValues()
    {
        var score = PointsScoringModel.Default.Score(Features(
            (LeadFeatureNames.EmailClass, Corporate), (LeadFeatureNames.ContactRequested, 1d), (LeadFeatureNames.HasPhone, 1d),
            (LeadFeatureNames.HasCompany, 1d), (LeadFeatureNames.JobSeniority, "director")));

        // Points from points-v1.json; ties (10, 10) keep file order: email_class before has_phone.
        Assert.Equal(
            [
                new ScoreReason("contact_requested", "1", 30),
                new ScoreReason("job_seniority", "director", 15),
                new ScoreReason("email_class", "corporate", 10),
                new ScoreReason("has_phone", "1", 10),
                new ScoreReason("has_company", "1", 5),
            ],
            score.Reasons);
        Assert.Equal(score.Score, score.Reasons.Sum(r => r.Contribution));   // baseline 0, no clamping here
    }

    [Fact]
    public void Score_NegativeReasons_Reported()
    {
        var score = PointsScoringModel.Default.Score(Features((LeadFeatureNames.EmailClass, "role")));

        Assert.Equal([new ScoreReason("email_class", "role", -10)], score.Reasons);
        Assert.Equal(0, score.Score);
    }

    [Fact]
    public void Parse_CustomModel_BaselineEqualsNullAndInNumbers()
    {
        var model = PointsScoringModel.Parse(Model(
            """
            { "feature": "country", "equals": null, "points": -5 },
            { "feature": "submission_count", "in": [2, 3], "points": 7 },
            { "feature": "consent_marketing", "equals": false, "points": -1 }
            """,
            baseline: 50));

        // baseline 50 − 5 (no country) + 7 (second submission) − 1 (no consent) = 51
        Assert.Equal(51, model.Score(Features((LeadFeatureNames.SubmissionCount, 2d))).Score);
        // baseline 50 + 0 (country given) + 0 (fourth submission) + 0 (consented) = 50
        Assert.Equal(50, model.Score(Features((LeadFeatureNames.Country, "de"), (LeadFeatureNames.SubmissionCount, 4d), (LeadFeatureNames.ConsentMarketing, 1d))).Score);
    }

    internal static string Model(string rules, int baseline = 0, string grades = """{ "A": 70, "B": 45, "C": 25 }""", string extra = "") =>
        $$"""
        {
          "version": "test-v1",{{extra}}
          "baseline": {{baseline}},
          "grades": {{grades}},
          "rules": [ {{rules}} ]
        }
        """;
}
